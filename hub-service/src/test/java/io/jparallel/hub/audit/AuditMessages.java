package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.wire.MessageCodec;

/** Requests and replies as the audit sees them, signed with a test key. */
final class AuditMessages {

	static final String KEY = TestBroker.randomKey();

	static final MessageCodec CODEC = MessageCodec.withKey(HexFormat.of().parseHex(KEY));

	static final Instant SUBMITTED = Instant.parse("2026-11-02T10:00:00Z");

	private AuditMessages() {
	}

	/** An execute request from session client-1, user alice, made at {@link #SUBMITTED}. */
	static Message executeRequest(String route, String target) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put(MetadataKeys.ROUTE, route);
		if (target != null) {
			metadata.put(MetadataKeys.ROUTE_BROADCAST.equals(route) ? MetadataKeys.TARGETS : MetadataKeys.TARGET, target);
		}
		metadata.put(MetadataKeys.LABEL, "sums");
		Header header = new Header("request-" + UUID.randomUUID(), MessageType.EXECUTE_REQUEST, "client-1", "alice",
				SUBMITTED, Header.PROTOCOL_VERSION);
		return Message.request(header, metadata, Map.of("code", "1 + 1"), List.of());
	}

	/** An ok reply from engine {@code engine}, started 5 ms and completed 25 ms after {@link #SUBMITTED}. */
	static Message okReply(Message request, int engine) {
		return reply(request, engine, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, "display", "2",
				MetadataKeys.STDOUT, "hello\n", MetadataKeys.STDERR, ""));
	}

	static Message reply(Message request, int engine, Map<String, String> content) {
		Map<String, String> metadata = Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engine), MetadataKeys.ENGINE_UUID,
				"engine-uuid-" + engine, MetadataKeys.STARTED, SUBMITTED.plusMillis(5).toString(), MetadataKeys.COMPLETED,
				SUBMITTED.plusMillis(25).toString());
		return Replies.reply(request, "engine-uuid-" + engine, "alice", metadata, content, List.of());
	}

	static AuditedMessage audited(Message message) {
		return new AuditedMessage(message, CODEC.encode(message));
	}


}
