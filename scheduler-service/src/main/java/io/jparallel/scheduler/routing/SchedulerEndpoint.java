package io.jparallel.scheduler.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.tasks.TaskScheduler;

/** {@code /actuator/jparallel}: the scheme, what the scheduler placed and rejected, and the tasks it holds. */
@Component
@Endpoint(id = "jparallel")
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

	@ReadOperation
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
