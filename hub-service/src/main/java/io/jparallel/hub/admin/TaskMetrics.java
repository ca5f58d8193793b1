package io.jparallel.hub.admin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the audit tells the hub's metrics: tasks submitted and completed. The audit calls it once per task
 * as it records the request, and once as it records the reply; the hub's bean publishes
 * {@code jparallel.tasks.submitted}, {@code jparallel.tasks.completed}, {@code jparallel.tasks.failed} and the
 * timer {@code jparallel.task.latency} (see {@link MicrometerTaskMetrics}).
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

}
