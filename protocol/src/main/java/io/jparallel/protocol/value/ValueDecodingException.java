package io.jparallel.protocol.value;

/** Bytes that could not be turned back into a value. */
public class ValueDecodingException extends Exception {

	public ValueDecodingException(String message) {
		super(message);
	}

	public ValueDecodingException(String message, Throwable cause) {
		super(message, cause);
	}

}
