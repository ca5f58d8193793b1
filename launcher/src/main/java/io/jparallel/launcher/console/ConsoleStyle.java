package io.jparallel.launcher.console;

/**
 * ANSI colours for the console's lines, as IPython shows them: the engine prefixes of output in colour,
 * {@code Out[i:n]:} in red, errors in red; nothing on a dumb terminal.
 */
final class ConsoleStyle {

	static final String RESET = "\u001b[0m";

	static final String GREEN = "\u001b[32m";

	static final String BOLD_GREEN = "\u001b[1;32m";

	static final String RED = "\u001b[31m";

	static final String BOLD_RED = "\u001b[1;31m";

	static final String CYAN = "\u001b[36m";

	static final String MAGENTA = "\u001b[35m";

	private final boolean colours;

	ConsoleStyle(boolean colours) {
		this.colours = colours;
	}

	String line(OutputLine line) {
		if (!this.colours) {
			return line.text();
		}
		return switch (line.kind()) {
			case STDOUT -> prefix(line.text(), "] ", CYAN);
			case STDERR -> prefix(line.text(), "] ", MAGENTA);
			case RESULT -> prefix(line.text(), "]: ", BOLD_RED);
			case ERROR -> RED + line.text() + RESET;
			case INFO -> line.text();
		};
	}

	String prompt(String text, boolean autopx) {
		if (!this.colours) {
			return text;
		}
		return (autopx ? BOLD_RED : BOLD_GREEN) + text + RESET;
	}

	private static String prefix(String text, String end, String colour) {
		int at = text.indexOf(end);
		if (at < 0) {
			return colour + text + RESET;
		}
		int split = at + end.length() - 1;
		return colour + text.substring(0, split) + RESET + text.substring(split);
	}

}
