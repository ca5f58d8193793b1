package io.jparallel.engine.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.jparallel.engine.properties.PropertiesRequests;
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
 * {@code aborted}, and those already answered or running in {@code already_done}. With content
 * {@code cancel} {@code "true"}, a named {@code apply} or {@code execute} that is running is stopped too:
 * it is answered with {@code TaskAborted} at once and listed in {@code aborted};</li>
 * <li>{@code properties_request}: reads, and with content {@code set} changes, the engine's properties
 * (see {@link PropertiesRequests});</li>
 * <li>{@code shutdown_request}: the engine answers, then stops cleanly (see {@link EngineShutdown});</li>
 * <li>{@code register_again_request}, from the hub, which declared the engine dead but still hears it
 * beat: published as a {@link RegisterAgainRequested} event (the registrar registers again), not
 * answered.</li>
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

	private final PropertiesRequests properties;

	private final ChunkAssembler chunks;

	private final ApplicationEventPublisher events;

	public ControlHandler(ClusterConnection cluster, EngineIdentity identity, RequestLedger ledger,
			EngineReplies replies, EngineShutdown shutdown, PropertiesRequests properties,
			ApplicationEventPublisher events) {
		this.events = events;
		this.cluster = cluster;
		this.identity = identity;
		this.ledger = ledger;
		this.replies = replies;
		this.shutdown = shutdown;
		this.properties = properties;
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
				if (MessageType.REGISTER_AGAIN_REQUEST.equals(request.msgType())) {
					this.events.publishEvent(new RegisterAgainRequested(request.header().session()));
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
				case MessageType.PROPERTIES_REQUEST -> this.properties.answer(request);
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
		boolean cancel = "true".equalsIgnoreCase(request.content(MetadataKeys.CANCEL));
		RequestLedger.Abort abort = this.ledger.abort(request.header().msgId(), ids, cancel);
		if (!abort.cancelled().isEmpty()) {
			logger.info("Engine " + this.identity.id() + " cancelled running request " + String.join(",", abort.cancelled())
					+ " at the request of session " + request.header().session() + " (abort_request "
					+ request.header().msgId() + ")");
		}
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
