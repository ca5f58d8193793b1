package io.jparallel.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Identifies one message: who sent it, in which session, when, and what it is.
 *
 * @param msgId unique id of the message
 * @param msgType one of {@link MessageType}
 * @param session the sender's session (a client, an engine, a service)
 * @param username the user the session runs as
 * @param date when the message was made
 * @param version the protocol version, {@link #PROTOCOL_VERSION}
 */
public record Header(String msgId, String msgType, String session, String username, Instant date, String version) {

	/** The protocol version this code speaks. */
	public static final String PROTOCOL_VERSION = "jp/1";

	public Header {
		Objects.requireNonNull(msgId, "msgId is required");
		Objects.requireNonNull(msgType, "msgType is required");
		Objects.requireNonNull(session, "session is required");
		Objects.requireNonNull(username, "username is required");
		Objects.requireNonNull(date, "date is required");
		Objects.requireNonNull(version, "version is required");
	}

	/** A new header with a fresh id, dated now. */
	public static Header create(String msgType, String session, String username) {
		return new Header(MessageIds.next(), msgType, session, username, Instant.now(), PROTOCOL_VERSION);
	}

}
