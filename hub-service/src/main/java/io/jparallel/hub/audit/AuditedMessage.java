package io.jparallel.hub.audit;

import java.util.Objects;

import io.jparallel.protocol.Message;

/**
 * A verified message from the audit queue.
 *
 * @param message the message
 * @param bytes its encoded size
 */
public record AuditedMessage(Message message, long bytes) {

	public AuditedMessage {
		Objects.requireNonNull(message, "message is required");
	}

	/** Whether it answers a request (it has a parent header). */
	public boolean isReply() {
		return this.message.parentHeader() != null;
	}

	/** The id of the request it is or answers: the task's key. */
	public String taskId() {
		return isReply() ? this.message.parentHeader().msgId() : this.message.header().msgId();
	}

}
