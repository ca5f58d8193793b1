package io.jparallel.engine.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.time.IsoInstants;

/**
 * Builds the engine's replies, from the work path and the control path alike: sent from the engine's
 * uuid, with metadata naming the engine (id and uuid), when the request started and completed, and
 * how many {@code execute_request}s the engine had run when it answered.
 */
@Component
public class EngineReplies {

	private final EngineIdentity identity;

	private final RequestLedger ledger;

	public EngineReplies(EngineIdentity identity, RequestLedger ledger) {
		this.identity = identity;
		this.ledger = ledger;
	}

	public Message reply(Message request, Instant started, Map<String, String> content, List<byte[]> buffers) {
		Map<String, String> metadata = Map.of(MetadataKeys.ENGINE_ID, String.valueOf(this.identity.id()),
				MetadataKeys.ENGINE_UUID, this.identity.uuid(), MetadataKeys.STARTED, IsoInstants.format(started),
				MetadataKeys.COMPLETED, IsoInstants.format(Instant.now()), MetadataKeys.EXECUTION_COUNT,
				String.valueOf(this.ledger.executions()));
		return Replies.reply(request, this.identity.uuid(), System.getProperty("user.name"), metadata, content,
				buffers);
	}

	/** Whether a message is a request, which has a reply type ({@code x_request} answers with {@code x_reply}). */
	public static boolean isRequest(Message message) {
		return message.msgType().endsWith("_request");
	}

}
