package io.jparallel.client;

/** Base of the errors the client raises. */
public class JParallelException extends RuntimeException {

	public JParallelException(String message) {
		super(message);
	}

	public JParallelException(String message, Throwable cause) {
		super(message, cause);
	}

}
