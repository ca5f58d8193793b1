package io.jparallel.client;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress while waiting on a result. On a terminal, a one-line bar, e.g.
 * {@code [=====>    ] 512/1000 tasks 3.2 s}, redrawn in place with {@code \r} at most every {@code interval}
 * and ended with a newline. Elsewhere (a log, a pipe, a notebook's output), where {@code \r} would pile up,
 * a plain line such as {@code 512/1000 tasks done (3.2 s)} at most every {@link #LINES_INTERVAL}, and one
 * when the wait ends. System property {@code jparallel.progress=bar|lines} overrides the choice.
 */
final class ProgressBar {

	static final int WIDTH = 30;

	static final Duration INTERVAL = Duration.ofMillis(200);

	static final Duration LINES_INTERVAL = Duration.ofSeconds(5);

	private final PrintStream out;

	private final Duration interval;

	private final boolean terminal;

	private int drawn;

	private long lastLine;

	private int lastDone = -1;

	ProgressBar(PrintStream out, Duration interval) {
		this(out, interval, true);
	}

	ProgressBar(PrintStream out, Duration interval, boolean terminal) {
		this.out = out;
		this.interval = interval;
		this.terminal = terminal;
	}

	/** Progress on {@code System.err}: a bar on a terminal, plain lines elsewhere. */
	static ProgressBar onStandardError() {
		return new ProgressBar(System.err, INTERVAL, isTerminal(System.getProperty("jparallel.progress"),
				System.getenv("TERM"), System.console()));
	}

	/** Whether to draw the bar: as {@code forced} says, else when this JVM has a terminal that is not dumb. */
	static boolean isTerminal(String forced, String term, Console console) {
		if ("bar".equalsIgnoreCase(forced)) {
			return true;
		}
		if ("lines".equalsIgnoreCase(forced) || console == null || "dumb".equals(term)) {
			return false;
		}
		try {
			// JDK 22+ returns a console even without a terminal, and says which it is
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	/** The plain line for {@code done} of {@code total} tasks. */
	static String plainLine(int done, int total, Duration elapsed) {
		return String.format(Locale.ROOT, "%d/%d tasks done (%.1f s)", done, total, elapsed.toMillis() / 1000.0);
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
		if (this.terminal) {
			this.out.println();
		}
		else {
			printLine(result, true);
		}
		this.out.flush();
		return ready;
	}

	private void draw(AsyncResult<?> result) {
		if (!this.terminal) {
			printLine(result, false);
			return;
		}
		String line = line(result.progress(), result.size(), result.elapsed());
		String padding = " ".repeat(Math.max(0, this.drawn - line.length()));
		this.out.print("\r" + line + padding);
		this.out.flush();
		this.drawn = line.length();
	}

	private void printLine(AsyncResult<?> result, boolean last) {
		long now = System.nanoTime();
		int done = result.progress();
		boolean due = this.lastDone < 0 || now - this.lastLine >= LINES_INTERVAL.toNanos();
		if ((last && done != this.lastDone) || (!last && due)) {
			this.out.println(plainLine(done, result.size(), result.elapsed()));
			this.out.flush();
			this.lastLine = now;
			this.lastDone = done;
		}
	}

}
