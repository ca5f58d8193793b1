package io.jparallel.hub.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jparallel.hub.admin.FailedTask;

/**
 * What the dashboard shows, as one server-sent event (JSON). Times are epoch milliseconds of the hub's
 * clock, durations milliseconds.
 *
 * @param clusterId the cluster's id
 * @param at when it was taken
 * @param engines registered engines by id, then the latest ones gone (dead or unregistered)
 * @param tasksPerSecond tasks completed in the last second over
 * @param tasksPerSecond10s tasks completed per second over the last 10 seconds
 * @param latencyP50Millis the median latency of the latest second with completed tasks (within 5 s), or
 * {@code null}
 * @param latencyP95Millis its 95th percentile, or {@code null}
 * @param totals tasks since the hub started
 * @param auditBacklog messages waiting in the audit queue (not counted yet), or {@code null} if unknown
 * @param seconds the last minutes, oldest first
 * @param failures the latest failures, newest first
 */
public record DashboardSnapshot(String clusterId, long at, List<EngineRow> engines, long tasksPerSecond,
		double tasksPerSecond10s, @Nullable Double latencyP50Millis, @Nullable Double latencyP95Millis, Totals totals,
		@Nullable Long auditBacklog, List<SecondStats> seconds, List<Failure> failures) {

	/**
	 * One engine.
	 *
	 * @param id its id
	 * @param uuid its uuid
	 * @param hostname where it runs
	 * @param pid its process id, if it said
	 * @param state {@code registered}, {@code dead} or {@code unregistered}
	 * @param lastBeatAgeMillis how long ago it last beat (or the hub last wrote its beat down), or {@code null}
	 * @param queued the requests it holds (the one running and those behind it), from its last heartbeat
	 * @param handled the requests it has answered, from its last heartbeat
	 */
	public record EngineRow(int id, String uuid, @Nullable String hostname, @Nullable Long pid, String state,
			@Nullable Long lastBeatAgeMillis, @Nullable Long queued, @Nullable Long handled) {
	}

	/**
	 * Tasks since the hub started.
	 *
	 * @param submitted requests recorded
	 * @param completed replies recorded
	 * @param failed of them, with status error
	 */
	public record Totals(long submitted, long completed, long failed) {
	}

	/**
	 * A failed task.
	 *
	 * @param msgId the request's id
	 * @param msgType its type, if known
	 * @param engineId the engine that answered, if known
	 * @param ename the error's name
	 * @param evalue the error's message
	 * @param at when it completed
	 */
	public record Failure(String msgId, @Nullable String msgType, @Nullable Integer engineId, @Nullable String ename,
			@Nullable String evalue, long at) {

		static Failure of(FailedTask task) {
			return new Failure(task.msgId(), task.msgType(), task.engineId(), task.ename(), task.evalue(),
					task.completed().toEpochMilli());
		}

	}

}
