package io.jparallel.launcher.cli;

/** The command line is wrong; the message says how, and the usage text follows it. */
public class UsageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}

}
