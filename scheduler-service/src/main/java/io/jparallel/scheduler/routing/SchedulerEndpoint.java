package io.jparallel.scheduler.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.scheduler.engines.EngineDirectory;

/** {@code /actuator/jparallel}: what the scheduler placed and rejected. */
@Component
@Endpoint(id = "jparallel")
public class SchedulerEndpoint {

	private final ClusterConnection cluster;

	private final RequestRouter router;

	private final EngineDirectory engines;

	public SchedulerEndpoint(ClusterConnection cluster, RequestRouter router, EngineDirectory engines) {
		this.cluster = cluster;
		this.router = router;
		this.engines = engines;
	}

	@ReadOperation
	public Map<String, Object> info() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("clusterId", this.cluster.topology().clusterId());
		info.put("scheme", "pure");
		info.put("engines", this.engines.size());
		info.put("placed", this.router.counts());
		info.put("accepted", this.cluster.inbound().acceptedTotal());
		info.put("rejected", this.cluster.inbound().rejectedCounts());
		return info;
	}

}
