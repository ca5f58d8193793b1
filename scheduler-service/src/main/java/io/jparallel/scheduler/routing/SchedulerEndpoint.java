package io.jparallel.scheduler.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.tasks.TaskScheduler;

/** {@code /actuator/jparallel} ({@link SchedulerAdminServer}): the scheme, what the scheduler placed and rejected, and the tasks it holds. */
@Component
public class SchedulerEndpoint {

	private final ClusterConnection cluster;

	private final RequestRouter router;

	private final EngineDirectory engines;

	private final TaskScheduler tasks;

	public SchedulerEndpoint(ClusterConnection cluster, RequestRouter router, EngineDirectory engines,
			TaskScheduler tasks) {
		this.cluster = cluster;
		this.tasks = tasks;
		this.router = router;
		this.engines = engines;
	}

	public Map<String, Object> info() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("clusterId", this.cluster.topology().clusterId());
		info.put("scheme", this.tasks.scheme().label());
		info.put("hwm", this.tasks.hwmLabel());
		info.put("tasks", this.tasks.counts());
		info.put("engines", this.engines.size());
		info.put("placed", this.router.counts());
		info.put("accepted", this.cluster.inbound().acceptedTotal());
		info.put("rejected", this.cluster.inbound().rejectedCounts());
		return info;
	}

}
