package io.jparallel.hub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import io.jparallel.hub.audit.AuditListener;
import io.jparallel.hub.audit.TaskRepository;
import io.jparallel.hub.heartbeat.HeartMonitor;
import io.jparallel.hub.heartbeat.HeartbeatListener;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.protocol.amqp.ClusterConnection;

/** {@code /actuator/jparallel}: engines by state, the audit's progress and messages rejected, by reason. */
@Component
@Endpoint(id = "jparallel")
public class HubEndpoint {

	private final ClusterConnection cluster;

	private final EngineRegistry registry;

	private final HeartMonitor monitor;

	private final HeartbeatListener heartbeats;

	private final TaskRepository tasks;

	private final AuditListener audit;

	public HubEndpoint(ClusterConnection cluster, EngineRegistry registry, HeartMonitor monitor,
			HeartbeatListener heartbeats, TaskRepository tasks, AuditListener audit) {
		this.cluster = cluster;
		this.registry = registry;
		this.monitor = monitor;
		this.heartbeats = heartbeats;
		this.tasks = tasks;
		this.audit = audit;
	}

	@ReadOperation
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("clusterId", this.cluster.topology().clusterId());
		Map<String, Long> engines = new LinkedHashMap<>();
		this.registry.countByState().forEach((state, count) -> engines.put(state.name(), count));
		status.put("engines", engines);
		status.put("enginesMonitored", this.monitor.tracked());
		status.put("heartbeatsFromUnknownEngines", this.heartbeats.fromUnknownEngines());
		Map<String, Object> auditStatus = new LinkedHashMap<>();
		auditStatus.put("tasksRecorded", this.tasks.count());
		auditStatus.put("messagesRecorded", this.audit.audited());
		auditStatus.put("batchesWritten", this.audit.batches());
		auditStatus.put("messagesDropped", this.audit.dropped());
		auditStatus.put("backlog", auditBacklog());
		status.put("audit", auditStatus);
		Map<String, Object> inbound = new LinkedHashMap<>();
		inbound.put("accepted", this.cluster.inbound().acceptedTotal());
		inbound.put("rejected", this.cluster.inbound().rejectedCounts());
		status.put("messages", inbound);
		return status;
	}

	private Long auditBacklog() {
		try {
			QueueInformation info = this.cluster.admin().getQueueInfo(this.cluster.topology().hubAuditQueue());
			return (info != null) ? (long) info.getMessageCount() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
