package io.jparallel.engine.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.engine.properties.PublishedProperties;
import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.engine.requests.Libraries;
import io.jparallel.engine.requests.RequestHandler;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * {@code /actuator/jparallel} (served by {@link EngineAdminServer}): the engine's id, what it ran, what it rejected, its namespace, added jars
 * and published properties.
 */
@Component
public class EngineEndpoint {

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	private final RequestHandler handler;

	private final JShellKernel kernel;

	private final Libraries libraries;

	private final PublishedProperties properties;

	public EngineEndpoint(ClusterConnection cluster, EngineIdentity identity, RequestHandler handler,
			JShellKernel kernel, Libraries libraries, PublishedProperties properties) {
		this.cluster = cluster;
		this.identity = identity;
		this.handler = handler;
		this.kernel = kernel;
		this.libraries = libraries;
		this.properties = properties;
	}

	public Map<String, Object> info() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("clusterId", this.cluster.topology().clusterId());
		info.put("engineId", this.identity.id());
		info.put("uuid", this.identity.uuid());
		info.put("requests", this.handler.counts());
		info.put("accepted", this.cluster.inbound().acceptedTotal());
		info.put("rejected", this.cluster.inbound().rejectedCounts());
		info.put("variables", this.kernel.variableNames());
		info.put("libraries", this.libraries.jars().values().stream().map(String::valueOf).sorted().toList());
		info.put("properties", this.properties.snapshot());
		return info;
	}

}
