package io.jparallel.hub.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import io.jparallel.hub.admin.QueueDepths;
import io.jparallel.hub.admin.TaskCounts;
import io.jparallel.hub.heartbeat.HeartMonitor;
import io.jparallel.hub.heartbeat.HeartbeatListener;
import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * {@code GET /actuator/jparallel} (open): engines (each with its queues' depths) and their count by state,
 * tasks by status, the scheduler's queues, the audit's progress and messages rejected, by reason. Its
 * write operations ({@code POST /actuator/jparallel/{action}}, admin only) are in
 * {@link HubAdminOperations}.
 */
@Component
@Endpoint(id = "jparallel")
public class HubEndpoint {

	private final ClusterConnection cluster;

	private final EngineRegistry registry;

	private final HeartMonitor monitor;

	private final HeartbeatListener heartbeats;


	private final TaskCounts taskCounts;

	private final QueueDepths queues;

	private final io.jparallel.hub.audit.AuditStatistics statistics;

	public HubEndpoint(ClusterConnection cluster, EngineRegistry registry, HeartMonitor monitor,
			HeartbeatListener heartbeats, TaskCounts taskCounts,
			QueueDepths queues, io.jparallel.hub.audit.AuditStatistics statistics) {
		this.statistics = statistics;
		this.cluster = cluster;
		this.registry = registry;
		this.monitor = monitor;
		this.heartbeats = heartbeats;
		this.taskCounts = taskCounts;
		this.queues = queues;
	}

	@ReadOperation
	public Map<String, Object> status() {
		Topology topology = this.cluster.topology();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("clusterId", topology.clusterId());
		Map<String, Long> byState = new LinkedHashMap<>();
		this.registry.countByState().forEach((state, count) -> byState.put(state.name(), count));
		status.put("enginesByState", byState);
		status.put("engines", engines());
		status.put("enginesMonitored", this.monitor.tracked());
		status.put("heartbeatLagMs", this.monitor.hearingLag().toMillis());
		status.put("heartbeatsFromUnknownEngines", this.heartbeats.fromUnknownEngines());
		status.put("tasks", this.taskCounts.byStatus());
		Map<String, Object> scheduler = new LinkedHashMap<>();
		scheduler.put("requestsQueued", this.queues.depth(topology.schedulerQueue()));
		scheduler.put("noticesQueued", this.queues.depth(topology.schedulerNoticesQueue()));
		scheduler.put("sharedTasksQueued", this.queues.depth(topology.sharedTaskQueue()));
		status.put("scheduler", scheduler);
		Map<String, Object> auditStatus = new LinkedHashMap<>(this.statistics.current().toMap());
		auditStatus.put("backlog", this.queues.depth(topology.hubAuditQueue()));
		status.put("audit", auditStatus);
		status.put("hubQueue", this.queues.depth(topology.hubQueue()));
		Map<String, Object> inbound = new LinkedHashMap<>();
		inbound.put("accepted", this.cluster.inbound().acceptedTotal());
		inbound.put("rejected", this.cluster.inbound().rejectedCounts());
		status.put("messages", inbound);
		return status;
	}

	/** Every engine ever registered, by id; the depths of its queues if it is registered. */
	private List<EngineStatusView> engines() {
		return this.registry.all()
			.stream()
			.map(engine -> this.monitor.lastSeen(engine.uuid()).map(engine::withLastHeartbeat).orElse(engine))
			.map(engine -> EngineStatusView.of(engine, (engine.state() == EngineState.REGISTERED) ? queues(engine) : null))
			.toList();
	}

	private Map<String, Long> queues(Engine engine) {
		Topology topology = this.cluster.topology();
		Map<String, Long> depths = new LinkedHashMap<>();
		Long mux = this.queues.depth(topology.engineMuxQueue(engine.uuid()));
		Long control = this.queues.depth(topology.engineControlQueue(engine.uuid()));
		if (mux != null) {
			depths.put("mux", mux);
		}
		if (control != null) {
			depths.put("control", control);
		}
		return depths;
	}

}
