package io.jparallel.scheduler.tasks;

/**
 * How many tasks an engine may hold when no fixed hwm is configured: about as many as it finished in
 * the last {@link #WINDOW_NANOS}, at least {@link #MIN} (the fixed default it replaces, so tasks that
 * take a few milliseconds or more are placed exactly as with {@code hwm 16}) and at most {@link #MAX}.
 * <p>
 * Why: an engine finishes tiny tasks far faster than the scheduler can hear of it and send more (a
 * round trip through the broker, several milliseconds on a loaded machine), so with a fixed hwm the
 * throughput of tiny tasks is {@code engines x hwm / round trip} however little each task costs. An
 * engine that keeps up gets more, which raises what it finishes per window, which raises its credit
 * again, until it holds about a window of work; one whose tasks are slow stays at {@link #MIN}.
 * <p>
 * The count is a sliding window of two buckets (the previous one weighted by how much of it still
 * overlaps the window). Not thread-safe: the {@link TaskScheduler} owns it under its lock.
 */
final class EngineCredit {

	/** The fewest tasks an engine may hold: the fixed hwm's former default. */
	static final int MIN = 16;

	/** The most tasks an engine may hold. */
	static final int MAX = 256;

	/** How much work, in time, an engine that finishes its tasks quickly may hold. */
	static final long WINDOW_NANOS = 100_000_000L;

	private long bucketStart;

	private int current;

	private int previous;

	EngineCredit(long now) {
		this.bucketStart = now;
	}

	/** The engine reported {@code count} tasks finished at {@code now}. */
	void finished(int count, long now) {
		roll(now);
		this.current += count;
	}

	/** How many tasks the engine may hold at {@code now}. */
	int limit(long now) {
		roll(now);
		double overlap = 1.0 - (double) (now - this.bucketStart) / WINDOW_NANOS;
		double recent = this.previous * Math.max(0.0, overlap) + this.current;
		return (int) Math.max(MIN, Math.min(MAX, Math.ceil(recent)));
	}

	private void roll(long now) {
		long since = now - this.bucketStart;
		if (since >= 2 * WINDOW_NANOS) {
			this.previous = 0;
			this.current = 0;
			this.bucketStart = now;
		}
		else if (since >= WINDOW_NANOS) {
			this.previous = this.current;
			this.current = 0;
			this.bucketStart += WINDOW_NANOS;
		}
	}

}
