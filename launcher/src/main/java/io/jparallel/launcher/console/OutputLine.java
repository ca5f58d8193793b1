package io.jparallel.launcher.console;

/**
 * One line the console or kernel shows, with what kind of line it is, so that a terminal can colour it
 * and a notebook can send it to the right stream.
 *
 * @param kind what it is
 * @param text the line, without a line break
 */
public record OutputLine(Kind kind, String text) {

	/** What a line is. */
	public enum Kind {

		/** An engine's {@code System.out}: {@code [stdout:0] ...}. */
		STDOUT,

		/** An engine's {@code System.err}: {@code [stderr:0] ...}. */
		STDERR,

		/** An engine's value of the last expression: {@code Out[0:3]: 42}. */
		RESULT,

		/** An engine's (or the local JShell's) error. */
		ERROR,

		/** The local JShell's value or message ({@code $1 ==> 42}), or a magic's own message. */
		INFO

	}

	public static OutputLine info(String text) {
		return new OutputLine(Kind.INFO, text);
	}

	public static OutputLine error(String text) {
		return new OutputLine(Kind.ERROR, text);
	}

}
