package io.jparallel.scheduler.engines;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.engines.EngineListRequests;

/** Asks the hub which engines are registered. */
@Component
public class HubEngineList {

	private final EngineListRequests requests;

	public HubEngineList(ClusterConnection cluster) {
		this.requests = new EngineListRequests(cluster, "scheduler");
	}

	public Map<Integer, String> engines() {
		return this.requests.fetch();
	}

	/** Every registered engine with its properties. */
	public java.util.List<EngineListRequests.Listed> listed() {
		return this.requests.fetchAll();
	}

}
