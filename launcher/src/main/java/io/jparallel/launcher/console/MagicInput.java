package io.jparallel.launcher.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One piece of what the user typed (a console input or a notebook cell): a magic, a JShell command, or
 * Java code for the local JShell. {@link #split(String)} cuts an input into pieces.
 */
public sealed interface MagicInput {

	/** {@code %px [options] code}: run one line on the engines. */
	record Px(PxOptions options) implements MagicInput {
	}

	/** {@code %%px [options]} on the first line: the rest of the block runs on the engines. */
	record CellPx(PxOptions options) implements MagicInput {
	}

	/** {@code %autopx}: every input goes to {@code %px} until the next {@code %autopx}. */
	record AutoPx() implements MagicInput {
	}

	/** {@code %pxresult}: waits for the last {@code --noblock} {@code %px} and prints its output. */
	record PxResult() implements MagicInput {
	}

	/** {@code %pxconfig [--targets T] [--block|--noblock]}: the defaults of later {@code %px}; alone, prints them. */
	record PxConfig(PxOptions options) implements MagicInput {
	}

	/** {@code %maven group:artifact:version}: a library for the engines and the local JShell. */
	record Maven(String coordinates) implements MagicInput {
	}

	/** {@code %classpath path.jar}: a jar for the engines and the local JShell. */
	record Classpath(String path) implements MagicInput {
	}

	/** {@code %help}, {@code %lsmagic}: lists the magics. */
	record Help() implements MagicInput {
	}

	/** A {@code %name} that is none of the above. */
	record Unknown(String name) implements MagicInput {
	}

	/** A JShell command such as {@code /vars} or {@code /exit}. */
	record Command(String text) implements MagicInput {
	}

	/** Java for the local JShell. */
	record Java(String code) implements MagicInput {
	}

	/**
	 * Cuts an input into pieces: a first line {@code %%px} makes the whole input one {@link CellPx}; otherwise
	 * each line starting with {@code %name} is a magic of its own (taking the rest of its line), a single
	 * line starting with {@code /name} is a {@link Command}, and the lines between magics are {@link Java}.
	 * @throws IllegalArgumentException if a magic's options are wrong
	 */
	static List<MagicInput> split(String input) {
		List<MagicInput> pieces = new ArrayList<>();
		String text = input.stripLeading();
		if (text.startsWith("%%")) {
			int end = text.indexOf('\n');
			String first = (end < 0) ? text : text.substring(0, end);
			String name = name(first.substring(2));
			if (!name.equals("px")) {
				pieces.add(new Unknown("%%" + name));
				return pieces;
			}
			String options = first.substring(2 + name.length());
			String body = (end < 0) ? "" : text.substring(end + 1);
			PxOptions parsed = PxOptions.parse(options);
			if (!parsed.code().isEmpty()) {
				body = parsed.code() + "\n" + body;
			}
			pieces.add(new CellPx(new PxOptions(parsed.targets(), parsed.block(), body.strip())));
			return pieces;
		}
		if (text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/*") && !text.strip().contains("\n")) {
			pieces.add(new Command(text.strip()));
			return pieces;
		}
		StringBuilder java = new StringBuilder();
		for (String line : input.split("\n", -1)) {
			String stripped = line.strip();
			if (stripped.startsWith("%") && stripped.length() > 1 && Character.isLetter(stripped.charAt(1))) {
				addJava(pieces, java);
				pieces.add(lineMagic(stripped.substring(1)));
			}
			else {
				java.append(line).append('\n');
			}
		}
		addJava(pieces, java);
		return pieces;
	}

	private static void addJava(List<MagicInput> pieces, StringBuilder java) {
		if (!java.toString().isBlank()) {
			pieces.add(new Java(java.toString().strip()));
		}
		java.setLength(0);
	}

	private static MagicInput lineMagic(String text) {
		String name = name(text);
		String rest = text.substring(name.length()).strip();
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "px" -> new Px(PxOptions.parse(rest));
			case "autopx" -> new AutoPx();
			case "pxresult", "result" -> new PxResult();
			case "pxconfig" -> new PxConfig(PxOptions.parse(rest));
			case "maven", "addmaven" -> new Maven(rest);
			case "classpath", "jars" -> new Classpath(rest);
			case "help", "lsmagic", "magic" -> new Help();
			default -> new Unknown("%" + name);
		};
	}

	private static String name(String text) {
		int end = 0;
		while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
			end++;
		}
		return text.substring(0, end);
	}

}
