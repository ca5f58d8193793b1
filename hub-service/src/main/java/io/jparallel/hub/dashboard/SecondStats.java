package io.jparallel.hub.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * What the audit recorded in one second of the hub's clock.
 *
 * @param epochSecond the second
 * @param submitted requests recorded
 * @param completed replies recorded (failed or not): the tasks per second
 * @param failed replies recorded with status error
 * @param p50Millis the median latency (submitted to completed) of the tasks completed, or {@code null} if none
 * was timed
 * @param p95Millis their 95th percentile, or {@code null}
 */
public record SecondStats(long epochSecond, long submitted, long completed, long failed, @Nullable Double p50Millis,
		@Nullable Double p95Millis) {

	static SecondStats empty(long epochSecond) {
		return new SecondStats(epochSecond, 0, 0, 0, null, null);
	}

}
