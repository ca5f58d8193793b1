package io.jparallel.protocol.wire;

/** A message that must not be acted on: malformed, unsigned, badly signed, oversized or replayed. */
public class InvalidMessageException extends Exception {

	/** Why a message was rejected; services count rejections by reason. */
	public enum Reason {

		MALFORMED, BAD_SIGNATURE, OVERSIZED, REPLAYED

	}

	private final Reason reason;

	public InvalidMessageException(Reason reason, String message) {
		super(reason + ": " + message);
		this.reason = reason;
	}

	public InvalidMessageException(Reason reason, String message, Throwable cause) {
		super(reason + ": " + message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
