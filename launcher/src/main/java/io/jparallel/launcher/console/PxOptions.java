package io.jparallel.launcher.console;

/**
 * What a {@code %px} or {@code %%px} line says: its options, each {@code null} where not given (the
 * current {@code %pxconfig} then applies), and the code to run.
 *
 * @param targets {@code --targets}
 * @param block {@code --block} (true) or {@code --noblock} (false)
 * @param code the code after the options (for {@code %%px}: the lines after the first)
 */
public record PxOptions(PxTargets targets, Boolean block, String code) {

	/**
	 * Parses the text after the magic's name: options first ({@code --targets 1,3}, {@code --targets=1::2},
	 * {@code -t 0}, {@code --block}, {@code --noblock}), then the code, kept as written.
	 * @throws IllegalArgumentException on an unknown option or a bad value
	 */
	public static PxOptions parse(String text) {
		PxTargets targets = null;
		Boolean block = null;
		int i = 0;
		while (true) {
			i = skipBlanks(text, i);
			if (!text.startsWith("-", i)) {
				break;
			}
			int end = i;
			while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
				end++;
			}
			String option = text.substring(i, end);
			if (!option.matches("--?[a-z][a-z-]*(=.*)?")) {
				break; // code that starts with a minus sign
			}
			String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
			String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
			i = end;
			switch (name) {
				case "--targets", "-t" -> {
					if (value == null) {
						int from = skipBlanks(text, i);
						int to = from;
						while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
							to++;
						}
						if (from == to) {
							throw new IllegalArgumentException(name + " needs a value: all, 0,2 or 1::2");
						}
						value = text.substring(from, to);
						i = to;
					}
					targets = PxTargets.parse(value);
				}
				case "--block" -> block = true;
				case "--noblock" -> block = false;
				default -> throw new IllegalArgumentException("unknown option " + name
						+ " (%px takes --targets T, --block, --noblock)");
			}
		}
		String code = text.substring(Math.min(i, text.length()));
		return new PxOptions(targets, block, code.strip());
	}

	private static int skipBlanks(String text, int from) {
		int i = from;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

}
