package io.jparallel.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A print stream for the launcher's output that lets repetitive progress lines ("waiting for engines: …",
 * printed every second) through at most every few seconds, and every other line at once.
 */
final class ThrottledLines extends OutputStream {

	private final PrintStream target;

	private final String repetitivePrefix;

	private final long intervalNanos;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private long lastRepetitive = Long.MIN_VALUE;

	ThrottledLines(PrintStream target, String repetitivePrefix, long intervalNanos) {
		this.target = target;
		this.repetitivePrefix = repetitivePrefix;
		this.intervalNanos = intervalNanos;
	}

	static PrintStream wrap(PrintStream target, String repetitivePrefix) {
		return new PrintStream(new ThrottledLines(target, repetitivePrefix, 5_000_000_000L), true,
				StandardCharsets.UTF_8);
	}

	@Override
	public synchronized void write(int b) {
		if (b == '\n') {
			String text = this.line.toString(StandardCharsets.UTF_8);
			this.line.reset();
			if (text.startsWith(this.repetitivePrefix)) {
				long now = System.nanoTime();
				if (this.lastRepetitive != Long.MIN_VALUE && now - this.lastRepetitive < this.intervalNanos) {
					return;
				}
				this.lastRepetitive = now;
			}
			this.target.println(text);
		}
		else {
			this.line.write(b);
		}
	}

}
