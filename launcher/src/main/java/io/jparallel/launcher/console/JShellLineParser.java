package io.jparallel.launcher.console;

import java.util.List;
import java.util.function.Predicate;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when an input is finished: a {@code %%px} block ends with an empty line, Java ends when
 * JShell's source analysis says it is complete (an open brace or a dangling operator asks for another
 * line, shown with the continuation prompt). For completion, the word is the identifier before the cursor.
 */
final class JShellLineParser implements Parser {

	private final Predicate<String> incompleteJava;

	JShellLineParser(Predicate<String> incompleteJava) {
		this.incompleteJava = incompleteJava;
	}

	@Override
	public ParsedLine parse(String line, int cursor, ParseContext context) {
		if (context == ParseContext.ACCEPT_LINE && needsMore(line)) {
			throw new EOFError(-1, -1, "incomplete input", "more lines");
		}
		int start = cursor;
		while (start > 0 && Character.isJavaIdentifierPart(line.charAt(start - 1))) {
			start--;
		}
		String word = line.substring(start, cursor);
		return new Line(line, cursor, word, cursor - start);
	}

	boolean needsMore(String input) {
		String text = input.stripLeading();
		if (text.startsWith("%%")) {
			return !lastLineBlank(input);
		}
		if (text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/*")) {
			return false;
		}
		if (lastLineBlank(input) && input.contains("\n")) {
			return false;
		}
		String java = text;
		if (text.startsWith("%")) {
			int space = text.indexOf(' ');
			if (!text.startsWith("%px") || space < 0) {
				return false;
			}
			java = pxCode(text.substring(space));
		}
		return this.incompleteJava.test(java);
	}

	private static boolean lastLineBlank(String input) {
		int newline = input.lastIndexOf('\n');
		return newline >= 0 && input.substring(newline + 1).isBlank();
	}

	/** The code part of {@code %px} options and code, or "" when they do not parse. */
	private static String pxCode(String text) {
		try {
			return PxOptions.parse(text).code();
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private record Line(String line, int cursor, String word, int wordCursor) implements CompletingParsedLine {

		@Override
		public CharSequence escape(CharSequence candidate, boolean complete) {
			return candidate;
		}

		@Override
		public int rawWordCursor() {
			return this.wordCursor;
		}

		@Override
		public int rawWordLength() {
			return this.word.length();
		}

		@Override
		public int wordIndex() {
			return 0;
		}

		@Override
		public List<String> words() {
			return List.of(this.word);
		}

	}

}
