package io.jparallel.launcher.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * How often the supervisor may restart engines: at most {@code max} restarts within any {@code window}
 * (an engine that dies as soon as it starts must not be restarted in a tight loop). {@code max} 0 turns
 * restarting off.
 *
 * @param max most restarts within the window
 * @param window the sliding window
 */
public record EngineRestarts(int max, Duration window) {

	/** 5 restarts per minute. */
	public static final EngineRestarts DEFAULT = new EngineRestarts(5, Duration.ofSeconds(60));

	public EngineRestarts {
		if (max < 0) {
			throw new IllegalArgumentException("--max-restarts must be 0 or more, was " + max);
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("--restart-window must be positive, was " + window.toSeconds() + " s");
		}
	}

	/** The {@code jpcluster supervise} options that give these limits. */
	public List<String> arguments() {
		return List.of("--max-restarts", String.valueOf(this.max), "--restart-window",
				String.valueOf(this.window.toSeconds()));
	}

	public String describe() {
		return (this.max == 0) ? "restarts off (--max-restarts 0)"
				: String.format(Locale.ROOT, "at most %d restart(s) per %d s", this.max, this.window.toSeconds());
	}

	/** A budget that remembers when restarts happened. */
	public Budget budget() {
		return new Budget();
	}

	/** The restarts made within the window, checked before each new one. */
	public final class Budget {

		private final Deque<Instant> recent = new ArrayDeque<>();

		/** Whether a restart may happen at {@code now}; if so it is counted. */
		public synchronized boolean tryRestart(Instant now) {
			while (!this.recent.isEmpty() && !this.recent.peekFirst().isAfter(now.minus(EngineRestarts.this.window))) {
				this.recent.pollFirst();
			}
			if (this.recent.size() >= EngineRestarts.this.max) {
				return false;
			}
			this.recent.addLast(now);
			return true;
		}

		public synchronized int usedInWindow() {
			return this.recent.size();
		}

	}

}
