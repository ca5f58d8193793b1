package io.jparallel.hub.audit;

import java.util.Objects;

import io.jparallel.protocol.Message;

/**
 * A verified, whole message from the audit queue.
 *
 * @param message the message
 * @param encoded the signed bytes it travelled as (a chunked message's chunks put back together)
 */
public record AuditedMessage(Message message, byte[] encoded) {

	public AuditedMessage {
		Objects.requireNonNull(message, "message is required");
		Objects.requireNonNull(encoded, "encoded is required");
	}

}
