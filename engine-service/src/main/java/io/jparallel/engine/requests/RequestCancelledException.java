package io.jparallel.engine.requests;

/**
 * A running request was cancelled by an {@code abort_request} with {@code cancel}: the work path stops
 * waiting for it and answers it with a {@code TaskAborted} error.
 */
class RequestCancelledException extends Exception {

	private final String abortRequestId;

	RequestCancelledException(String abortRequestId) {
		super("cancelled by abort_request " + abortRequestId, null, false, false);
		this.abortRequestId = abortRequestId;
	}

	/** The id of the abort request that cancelled it. */
	String abortRequestId() {
		return this.abortRequestId;
	}

}
