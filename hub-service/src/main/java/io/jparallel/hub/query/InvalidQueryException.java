package io.jparallel.hub.query;

/** A query the hub cannot run: malformed JSON, an unknown field or operator, a value of the wrong kind. */
public class InvalidQueryException extends RuntimeException {

	/** The error name of the reply to an invalid query. */
	public static final String ENAME = "io.jparallel.InvalidQuery";

	public InvalidQueryException(String message) {
		super(message);
	}

	public InvalidQueryException(String message, Throwable cause) {
		super(message, cause);
	}

}
