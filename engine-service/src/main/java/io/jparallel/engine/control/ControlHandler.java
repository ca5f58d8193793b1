package io.jparallel.engine.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.engine.requests.EngineReplies;
import io.jparallel.engine.requests.RequestLedger;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;

/**
 * Answers control requests, which pass the same inbound gate as all other requests:
 * <ul>
 * <li>{@code abort_request} (content {@code msg_ids}, comma-separated): the requests named that have not
 * started will be answered with a {@code TaskAborted} error instead of running; the reply lists them in
 * {@code aborted}, and those already answered or running in {@code already_done};</li>
 * <li>{@code shutdown_request}: the engine answers, then stops cleanly (see {@link EngineShutdown}).</li>
 * </ul>
 * Replies go to the requesting client's session, like every reply.
 */
@Component
public class ControlHandler {

	private static final Log logger = LogFactory.getLog(ControlHandler.class);

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	private final RequestLedger ledger;

	private final EngineReplies replies;

	private final EngineShutdown shutdown;

	private final ChunkAssembler chunks;

	public ControlHandler(ClusterConnection cluster, EngineIdentity identity, RequestLedger ledger,
			EngineReplies replies, EngineShutdown shutdown) {
		this.cluster = cluster;
		this.identity = identity;
		this.ledger = ledger;
		this.replies = replies;
		this.shutdown = shutdown;
		this.chunks = new ChunkAssembler(cluster.codec());
	}

	/** Verifies and answers the control requests of one delivery, in order. */
	public void handle(byte[] body, String source) {
		for (Accepted received : this.cluster.inbound().acceptAll(body, source)) {
			for (Accepted accepted : this.chunks.offer(received)) {
				Message request = accepted.message();
				if (!EngineReplies.isRequest(request)) {
					logger.warn("Dropped " + request.msgType() + " " + request.header().msgId() + " from " + source
							+ ": not a request");
					continue;
				}
				Message reply = answer(request);
				this.cluster.sender().send(this.cluster.topology().resultsExchange(), request.header().session(), reply);
				if (MessageType.SHUTDOWN_REQUEST.equals(request.msgType())) {
					logger.info("Engine " + this.identity.id() + " shutting down at the request of session "
							+ request.header().session());
					this.shutdown.shutDown();
				}
			}
		}
	}

	/** The reply to a control request; a shutdown request is answered here and carried out by the caller. */
	Message answer(Message request) {
		Instant started = Instant.now();
		Map<String, String> content;
		try {
			content = switch (request.msgType()) {
				case MessageType.ABORT_REQUEST -> abort(request);
				case MessageType.SHUTDOWN_REQUEST -> Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
				default -> Replies.errorContent("io.jparallel.UnknownRequestError",
						"engine cannot handle " + request.msgType() + " on its control queue", "");
			};
		}
		catch (RuntimeException ex) {
			content = Replies.errorContent(ex);
		}
		return this.replies.reply(request, started, content, List.of());
	}

	private Map<String, String> abort(Message request) {
		String msgIds = request.content(MetadataKeys.MSG_IDS);
		if (msgIds == null) {
			throw new IllegalArgumentException("abort_request has no " + MetadataKeys.MSG_IDS);
		}
		List<String> ids = Arrays.stream(msgIds.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
		RequestLedger.Abort abort = this.ledger.abort(request.header().msgId(), ids);
		if (logger.isDebugEnabled()) {
			logger.debug("Abort " + request.header().msgId() + " from session " + request.header().session() + ": "
					+ abort.aborted().size() + " will not run, " + abort.alreadyDone().size() + " already done");
		}
		Map<String, String> content = new HashMap<>();
		content.put(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
		content.put(MetadataKeys.ABORTED, String.join(",", abort.aborted()));
		content.put(MetadataKeys.ALREADY_DONE, String.join(",", abort.alreadyDone()));
		return content;
	}

}
