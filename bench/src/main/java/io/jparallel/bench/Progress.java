package io.jparallel.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long waits, prefixed with the part that runs, and rate-limited so a tight loop can call
 * {@link #every} on each iteration without flooding the console.
 */
public final class Progress {

	private static final long INTERVAL_NANOS = 3_000_000_000L;

	private final PrintStream out;

	private final String prefix;

	private long last = System.nanoTime();

	public Progress(PrintStream out, String part) {
		this.out = out;
		this.prefix = "[" + part + "] ";
	}

	public void say(String format, Object... args) {
		this.out.println(this.prefix + String.format(Locale.ROOT, format, args));
		this.out.flush();
		this.last = System.nanoTime();
	}

	/** Prints at most every 3 s. */
	public void every(String format, Object... args) {
		if (System.nanoTime() - this.last >= INTERVAL_NANOS) {
			say(format, args);
		}
	}

	public PrintStream out() {
		return this.out;
	}

}
