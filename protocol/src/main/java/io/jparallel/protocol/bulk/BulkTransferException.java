package io.jparallel.protocol.bulk;

import io.jparallel.protocol.wire.InvalidMessageException.Reason;

/**
 * A bulk transfer that failed: the other side could not be reached or gave up ({@link #rejected()} is
 * {@code null}), or what arrived must not be used — oversized, truncated, unsigned or with a digest that does
 * not match ({@link #rejected()} says which, counted like rejected messages).
 */
public class BulkTransferException extends Exception {

	/** Error name of a reply to a request whose bulk value could not be used. */
	public static final String ENAME = "io.jparallel.BulkTransferError";

	private final Reason rejected;

	public BulkTransferException(String message, Throwable cause) {
		super(message, cause);
		this.rejected = null;
	}

	public BulkTransferException(Reason rejected, String message) {
		super(rejected + ": " + message);
		this.rejected = rejected;
	}

	/** Why the received bytes were rejected, or {@code null} if the transfer failed rather than was refused. */
	public Reason rejected() {
		return this.rejected;
	}

}
