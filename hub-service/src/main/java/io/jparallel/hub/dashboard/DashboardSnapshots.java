package io.jparallel.hub.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.jparallel.hub.admin.QueueDepths;
import io.jparallel.hub.heartbeat.EngineLoads;
import io.jparallel.hub.heartbeat.HeartMonitor;
import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Takes {@link DashboardSnapshot}s: the engines from the registry (a small table) with their heartbeats and
 * loads from memory, the tasks from {@link TaskActivity} (memory), the audit backlog from the broker (one
 * passive declare). No query over the audit's records.
 */
@Component
public class DashboardSnapshots {

	/** Engines gone (dead or unregistered) still listed, the latest first. */
	static final int GONE_ENGINES_SHOWN = 8;

	private static final int LATENCY_LOOKBACK_SECONDS = 5;

	private final ClusterConnection cluster;

	private final EngineRegistry registry;

	private final HeartMonitor monitor;

	private final EngineLoads loads;

	private final TaskActivity activity;

	private final QueueDepths queues;

	private final Clock clock;

	public DashboardSnapshots(ClusterConnection cluster, EngineRegistry registry, HeartMonitor monitor,
			EngineLoads loads, TaskActivity activity, QueueDepths queues, Clock clock) {
		this.cluster = cluster;
		this.registry = registry;
		this.monitor = monitor;
		this.loads = loads;
		this.activity = activity;
		this.queues = queues;
		this.clock = clock;
	}

	public DashboardSnapshot take() {
		Instant now = this.clock.instant();
		TaskActivity.Activity tasks = this.activity.snapshot();
		SecondStats timed = latestTimed(tasks.seconds());
		return new DashboardSnapshot(this.cluster.topology().clusterId(), now.toEpochMilli(), engines(now),
				tasks.last().completed(), tasks.completedPerSecond(10), (timed != null) ? timed.p50Millis() : null,
				(timed != null) ? timed.p95Millis() : null,
				new DashboardSnapshot.Totals(tasks.submitted(), tasks.completed(), tasks.failed()),
				this.queues.depth(this.cluster.topology().hubAuditQueue()), tasks.seconds(),
				tasks.failures().stream().map(DashboardSnapshot.Failure::of).toList());
	}

	private static @Nullable SecondStats latestTimed(List<SecondStats> seconds) {
		for (int i = seconds.size() - 1; i >= Math.max(0, seconds.size() - LATENCY_LOOKBACK_SECONDS); i--) {
			if (seconds.get(i).p50Millis() != null) {
				return seconds.get(i);
			}
		}
		return null;
	}

	private List<DashboardSnapshot.EngineRow> engines(Instant now) {
		List<DashboardSnapshot.EngineRow> registered = new ArrayList<>();
		List<Engine> gone = new ArrayList<>();
		for (Engine engine : this.registry.all()) {
			if (engine.state() == EngineState.REGISTERED) {
				registered.add(row(engine, now));
			}
			else {
				gone.add(engine);
			}
		}
		gone.sort(Comparator.comparing(Engine::unregisteredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
			.reversed());
		List<DashboardSnapshot.EngineRow> rows = new ArrayList<>(registered);
		gone.stream().limit(GONE_ENGINES_SHOWN).map(engine -> row(engine, now)).forEach(rows::add);
		return rows;
	}

	private DashboardSnapshot.EngineRow row(Engine engine, Instant now) {
		boolean registered = engine.state() == EngineState.REGISTERED;
		Instant lastBeat = this.monitor.lastSeen(engine.uuid()).orElse(engine.lastHeartbeat());
		Long age = (lastBeat != null) ? Math.max(0, Duration.between(lastBeat, now).toMillis()) : null;
		EngineLoads.EngineLoad load = registered ? this.loads.of(engine.uuid()).orElse(null) : null;
		return new DashboardSnapshot.EngineRow(engine.id(), engine.uuid(), engine.hostname(), engine.pid(),
				engine.state().name().toLowerCase(), age, (load != null) ? load.queued() : null,
				(load != null) ? load.handled() : null);
	}

}
