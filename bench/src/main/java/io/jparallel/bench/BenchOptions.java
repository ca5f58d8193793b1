package io.jparallel.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The runner's command line: {@code --engines N} (default 4), {@code --quick}, {@code --only
 * jparallel|ipyparallel|broker} (repeatable), {@code --out DIR} (default docs/benchmarks).
 */
public record BenchOptions(int engines, boolean quick, Set<Part> parts, String outDir) {

	/** The three independent parts of a run. */
	public enum Part {
		JPARALLEL, IPYPARALLEL, BROKER
	}

	public Counts counts() {
		return this.quick ? Counts.quick() : Counts.full();
	}

	public boolean runs(Part part) {
		return this.parts.contains(part);
	}

	public static BenchOptions parse(String... args) {
		int engines = 4;
		boolean quick = false;
		Set<Part> only = EnumSet.noneOf(Part.class);
		String out = "docs/benchmarks";
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--engines", "-n" -> engines = Integer.parseInt(value(args, ++i, arg));
				case "--quick" -> quick = true;
				case "--only" -> only.add(Part.valueOf(value(args, ++i, arg).toUpperCase(Locale.ROOT)));
				case "--out" -> out = value(args, ++i, arg);
				case "--no-build" -> {
					// handled by scripts/bench.sh
				}
				default -> throw new IllegalArgumentException("Unknown argument '" + arg
						+ "'; usage: [--engines N] [--quick] [--only jparallel|ipyparallel|broker] [--out DIR]");
			}
		}
		if (engines < 1) {
			throw new IllegalArgumentException("--engines must be at least 1");
		}
		return new BenchOptions(engines, quick, only.isEmpty() ? EnumSet.allOf(Part.class) : only, out);
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[i];
	}

}
