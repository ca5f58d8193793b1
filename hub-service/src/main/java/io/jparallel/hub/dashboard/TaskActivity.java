package io.jparallel.hub.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.jparallel.hub.admin.FailedTask;
import io.jparallel.hub.admin.TaskMetrics;

/**
 * The audit's tasks over the last minutes, in memory, for the dashboard: per second the tasks submitted
 * (by their submission time), completed and failed (by their completion time) and the completed ones' median
 * and 95th percentile latency; totals since the hub started; the latest failures. Fed by the audit as it
 * commits (it is a {@link TaskMetrics}), so a snapshot costs no database query.
 * <p>
 * The audit records in batches, a second or so behind the tasks, and in the order replies arrived: a
 * second is shown once the audit has recorded a task completed after it (it is complete then), or at the
 * latest once it is {@value #SETTLE_SECONDS} s old (nothing completed since, or the audit is behind); a late
 * task still counts in its own second while that is in the window. A second's latencies are sampled (at most {@value #SAMPLES_PER_SECOND}, uniformly), reduced to
 * its percentiles and dropped once it is {@value #SEAL_SECONDS} s old; later tasks of it are counted but
 * not timed.
 */
@Component
public class TaskActivity implements TaskMetrics {

	/** Seconds shown in the charts. */
	public static final int WINDOW_SECONDS = 300;

	/** How old a second is, at most, before it is shown. */
	public static final int SETTLE_SECONDS = 5;

	/** How old a second is when its latencies are reduced to percentiles. */
	static final int SEAL_SECONDS = 10;

	/** Failures kept. */
	public static final int FAILURES_KEPT = 20;

	static final int SAMPLES_PER_SECOND = 2048;

	private static final int RING = WINDOW_SECONDS + SETTLE_SECONDS + 1;

	private final Clock clock;

	private final Slot[] ring = new Slot[RING];

	private final ArrayDeque<FailedTask> failures = new ArrayDeque<>();

	private long sealedUpTo = Long.MIN_VALUE;

	/** The latest second a recorded task completed in. */
	private long latestCompleted = Long.MIN_VALUE;

	private long totalSubmitted;

	private long totalCompleted;

	private long totalFailed;

	public TaskActivity(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void submitted() {
		submitted(this.clock.instant());
	}

	@Override
	public synchronized void submitted(Instant at) {
		this.totalSubmitted++;
		Slot slot = slot(at);
		if (slot != null) {
			slot.submitted++;
		}
	}

	@Override
	public void completed(@Nullable Duration latency, boolean ok) {
		completed(this.clock.instant(), latency, ok);
	}

	@Override
	public synchronized void completed(Instant at, @Nullable Duration latency, boolean ok) {
		this.totalCompleted++;
		if (!ok) {
			this.totalFailed++;
		}
		Slot slot = slot(at);
		if (slot == null) {
			return;
		}
		this.latestCompleted = Math.max(this.latestCompleted, slot.second);
		slot.completed++;
		if (!ok) {
			slot.failed++;
		}
		if (latency != null && !latency.isNegative()) {
			slot.sample(latency.toNanos() / 1000);
		}
	}

	@Override
	public synchronized void failed(FailedTask task) {
		this.failures.addFirst(task);
		while (this.failures.size() > FAILURES_KEPT) {
			this.failures.removeLast();
		}
	}

	/** The settled seconds of the window (oldest first, the newest settled last), totals and failures. */
	public synchronized Activity snapshot() {
		long now = nowSecond();
		seal(now);
		long newest = (this.latestCompleted == Long.MIN_VALUE) ? now - SETTLE_SECONDS
				: Math.max(now - SETTLE_SECONDS, Math.min(now - 1, this.latestCompleted - 1));
		List<SecondStats> seconds = new ArrayList<>(WINDOW_SECONDS);
		for (long second = newest - WINDOW_SECONDS + 1; second <= newest; second++) {
			Slot slot = this.ring[index(second)];
			seconds.add((slot != null && slot.second == second) ? slot.stats() : SecondStats.empty(second));
		}
		return new Activity(seconds, this.totalSubmitted, this.totalCompleted, this.totalFailed,
				List.copyOf(this.failures));
	}

	private long nowSecond() {
		return Math.floorDiv(this.clock.millis(), 1000);
	}

	/** The slot of a task's second (a time ahead of the hub's clock counts now), or none if it is too old. */
	private @Nullable Slot slot(Instant at) {
		long now = nowSecond();
		seal(now);
		long second = Math.min(Math.floorDiv(at.toEpochMilli(), 1000), now);
		if (second <= now - RING) {
			return null;
		}
		int index = index(second);
		Slot slot = this.ring[index];
		if (slot == null || slot.second < second) {
			slot = new Slot(second);
			this.ring[index] = slot;
		}
		else if (slot.second > second) {
			return null;
		}
		return slot;
	}

	/** Reduces the latencies of the seconds that became {@value #SEAL_SECONDS} s old since the last call. */
	private void seal(long now) {
		long upTo = now - SEAL_SECONDS;
		for (long second = Math.max(this.sealedUpTo + 1, upTo - RING + 1); second <= upTo; second++) {
			Slot slot = this.ring[index(second)];
			if (slot != null && slot.second == second) {
				slot.seal();
			}
		}
		this.sealedUpTo = Math.max(this.sealedUpTo, upTo);
	}

	private static int index(long second) {
		return (int) Math.floorMod(second, (long) RING);
	}

	/** One second: its counts, and its sampled latencies (microseconds) until it is sealed. */
	private static final class Slot {

		private final long second;

		private long submitted;

		private long completed;

		private long failed;

		private long @Nullable [] samples = new long[16];

		private long timed;

		private @Nullable Double p50;

		private @Nullable Double p95;

		private boolean dirty;

		Slot(long second) {
			this.second = second;
		}

		void sample(long micros) {
			long[] kept = this.samples;
			if (kept == null) {
				return;
			}
			this.timed++;
			this.dirty = true;
			if (this.timed <= SAMPLES_PER_SECOND) {
				if (this.timed > kept.length) {
					kept = Arrays.copyOf(kept, Math.min(SAMPLES_PER_SECOND, kept.length * 2));
					this.samples = kept;
				}
				kept[(int) this.timed - 1] = micros;
			}
			else {
				long slot = ThreadLocalRandom.current().nextLong(this.timed);
				if (slot < SAMPLES_PER_SECOND) {
					kept[(int) slot] = micros;
				}
			}
		}

		SecondStats stats() {
			if (this.dirty) {
				percentiles();
			}
			return new SecondStats(this.second, this.submitted, this.completed, this.failed, this.p50, this.p95);
		}

		void seal() {
			if (this.dirty) {
				percentiles();
			}
			this.samples = null;
		}

		private void percentiles() {
			this.dirty = false;
			long[] kept = this.samples;
			int count = (int) Math.min(this.timed, SAMPLES_PER_SECOND);
			if (kept == null || count == 0) {
				return;
			}
			long[] sorted = Arrays.copyOf(kept, count);
			Arrays.sort(sorted);
			this.p50 = percentile(sorted, 0.50);
			this.p95 = percentile(sorted, 0.95);
		}

		private static double percentile(long[] sorted, double p) {
			int index = (int) Math.ceil(p * sorted.length) - 1;
			return sorted[Math.max(0, index)] / 1000.0;
		}

	}

	/**
	 * The tasks of the window.
	 *
	 * @param seconds the settled seconds, oldest first, without gaps ({@value #WINDOW_SECONDS})
	 * @param submitted tasks submitted since the hub started
	 * @param completed tasks completed since the hub started
	 * @param failed of them, those that failed
	 * @param failures the latest failures, newest first
	 */
	public record Activity(List<SecondStats> seconds, long submitted, long completed, long failed,
			List<FailedTask> failures) {

		/** The latest settled second, or an empty one. */
		public SecondStats last() {
			return this.seconds.isEmpty() ? SecondStats.empty(0) : this.seconds.get(this.seconds.size() - 1);
		}

		/** Tasks completed per second over the latest {@code n} settled seconds. */
		public double completedPerSecond(int n) {
			List<SecondStats> recent = this.seconds.subList(Math.max(0, this.seconds.size() - n), this.seconds.size());
			return recent.isEmpty() ? 0 : recent.stream().mapToLong(SecondStats::completed).sum() / (double) n;
		}

	}

}
