package io.jparallel.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar for waiting on a result, e.g. {@code [=====>    ] 512/1000 tasks 3.2 s},
 * redrawn in place with {@code \r} at most every {@code interval}, and ended with a newline.
 */
final class ProgressBar {

	static final int WIDTH = 30;

	static final Duration INTERVAL = Duration.ofMillis(200);

	private final PrintStream out;

	private final Duration interval;

	private int drawn;

	ProgressBar(PrintStream out, Duration interval) {
		this.out = out;
		this.interval = interval;
	}

	/** The bar's text for {@code done} of {@code total} tasks, {@code elapsed} after submission. */
	static String line(int done, int total, Duration elapsed) {
		int filled = (total > 0) ? (int) ((long) Math.min(done, total) * WIDTH / total) : WIDTH;
		StringBuilder bar = new StringBuilder(WIDTH + 40).append('[');
		if (filled >= WIDTH) {
			bar.append("=".repeat(WIDTH));
		}
		else {
			bar.append("=".repeat(filled)).append('>').append(" ".repeat(WIDTH - filled - 1));
		}
		return bar.append("] ")
			.append(done)
			.append('/')
			.append(total)
			.append(" tasks ")
			.append(String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0))
			.toString();
	}

	/**
	 * Waits until {@code result} is ready or {@code timeout} ({@code null}: no limit) has passed, drawing
	 * the bar meanwhile; whether it is ready.
	 */
	boolean waitFor(AsyncResult<?> result, Duration timeout) {
		long deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : Long.MAX_VALUE;
		draw(result);
		boolean ready = result.ready();
		while (!ready) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			ready = result.await(Duration.ofNanos(Math.min(left, this.interval.toNanos())));
			draw(result);
		}
		this.out.println();
		this.out.flush();
		return ready;
	}

	private void draw(AsyncResult<?> result) {
		String line = line(result.progress(), result.size(), result.elapsed());
		String padding = " ".repeat(Math.max(0, this.drawn - line.length()));
		this.out.print("\r" + line + padding);
		this.out.flush();
		this.drawn = line.length();
	}

}
