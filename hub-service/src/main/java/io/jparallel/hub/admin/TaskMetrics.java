package io.jparallel.hub.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the audit tells the hub's metrics: tasks submitted and completed. The audit calls it once per task
 * as it records the request, and once as it records the reply; the hub's bean publishes
 * {@code jparallel.tasks.submitted}, {@code jparallel.tasks.completed}, {@code jparallel.tasks.failed} and the
 * timer {@code jparallel.task.latency} (see {@link MicrometerTaskMetrics}); the dashboard keeps its rolling
 * window and recent failures from the same calls. The audit calls every {@code TaskMetrics} bean (see
 * {@link #all(List)}).
 */
public interface TaskMetrics {

	/** Metrics that count nothing, for tests and tools that run the audit alone. */
	TaskMetrics NONE = new TaskMetrics() {

		@Override
		public void submitted() {
		}

		@Override
		public void completed(@Nullable Duration latency, boolean ok) {
		}

	};

	/** A request was recorded (once per task, the first time its request is seen). */
	void submitted();

	/**
	 * A task's reply was recorded (once per task).
	 * @param latency from submission (the request's header date) to completion (the engine's
	 * {@code completed} metadata, else the reply's date); {@code null} if unknown, then the task is
	 * counted but not timed; a negative one (clocks apart) is not timed either
	 * @param ok whether the reply's status is {@code ok}; a failed task counts as completed and failed
	 */
	void completed(@Nullable Duration latency, boolean ok);

	/**
	 * A request was recorded, submitted at {@code at} (the request's header date, else when the hub recorded
	 * it). By default {@link #submitted()}; for metrics that place tasks in time.
	 */
	default void submitted(Instant at) {
		submitted();
	}

	/**
	 * A task's reply was recorded, completed at {@code at} (the engine's {@code completed}, else the reply's
	 * date, else when the hub recorded it). By default {@link #completed(Duration, boolean)}; for metrics that
	 * place tasks in time.
	 */
	default void completed(Instant at, @Nullable Duration latency, boolean ok) {
		completed(latency, ok);
	}

	/**
	 * A task's reply was recorded with status error (after {@link #completed(Duration, boolean)}). Ignored
	 * unless a metrics bean wants the details.
	 */
	default void failed(FailedTask task) {
	}

	/** One {@code TaskMetrics} telling each of these, in order; {@link #NONE} for none. */
	static TaskMetrics all(List<? extends TaskMetrics> metrics) {
		if (metrics.isEmpty()) {
			return NONE;
		}
		if (metrics.size() == 1) {
			return metrics.get(0);
		}
		List<TaskMetrics> each = List.copyOf(metrics);
		return new TaskMetrics() {

			@Override
			public void submitted() {
				each.forEach(TaskMetrics::submitted);
			}

			@Override
			public void completed(@Nullable Duration latency, boolean ok) {
				each.forEach(one -> one.completed(latency, ok));
			}

			@Override
			public void submitted(Instant at) {
				each.forEach(one -> one.submitted(at));
			}

			@Override
			public void completed(Instant at, @Nullable Duration latency, boolean ok) {
				each.forEach(one -> one.completed(at, latency, ok));
			}

			@Override
			public void failed(FailedTask task) {
				each.forEach(one -> one.failed(task));
			}

		};
	}

}
