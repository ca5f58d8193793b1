package io.jparallel.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The runner's command line: {@code --engines N} (default 4), {@code --quick}, {@code --only
 * jparallel|ipyparallel|broker|scale} (repeatable), {@code --scale N} (engines of the scale part, default 64;
 * implies {@code --only scale}), {@code --out DIR} (default docs/benchmarks).
 */
public record BenchOptions(int engines, boolean quick, Set<Part> parts, String outDir, int scaleEngines) {

	/** The engines of the scale part unless {@code --scale N} says otherwise. */
	public static final int DEFAULT_SCALE_ENGINES = 64;

	/** The independent parts of a run; the scale part runs only when asked for, since it takes minutes. */
	public enum Part {
		JPARALLEL, IPYPARALLEL, BROKER, SCALE
	}

	/** The parts of a run without {@code --only}. */
	static final Set<Part> DEFAULT_PARTS = EnumSet.of(Part.JPARALLEL, Part.IPYPARALLEL, Part.BROKER);

	/** Whether a part of the comparison ran, so results.md/json are written. */
	public boolean compares() {
		return this.parts.stream().anyMatch(DEFAULT_PARTS::contains);
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
		int scale = DEFAULT_SCALE_ENGINES;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--engines", "-n" -> engines = Integer.parseInt(value(args, ++i, arg));
				case "--quick" -> quick = true;
				case "--only" -> only.add(Part.valueOf(value(args, ++i, arg).toUpperCase(Locale.ROOT)));
				case "--out" -> out = value(args, ++i, arg);
				case "--scale" -> {
					scale = Integer.parseInt(value(args, ++i, arg));
					only.add(Part.SCALE);
				}
				case "--no-build" -> {
					// handled by scripts/bench.sh
				}
				default -> throw new IllegalArgumentException("Unknown argument '" + arg
						+ "'; usage: [--engines N] [--quick] [--only jparallel|ipyparallel|broker|scale] [--scale N] [--out DIR]");
			}
		}
		if (engines < 1) {
			throw new IllegalArgumentException("--engines must be at least 1");
		}
		if (scale < 1) {
			throw new IllegalArgumentException("--scale must be at least 1");
		}
		return new BenchOptions(engines, quick, only.isEmpty() ? EnumSet.copyOf(DEFAULT_PARTS) : only, out, scale);
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[i];
	}

}
