package io.jparallel.engine.registration;

import org.springframework.stereotype.Component;

/**
 * Whether the engine takes requests: from the moment it has registered with the hub and consumes its
 * queues until it starts stopping. The readiness probe reports it.
 */
@Component
public class EngineReadiness {

	private volatile boolean takingRequests;

	public boolean isTakingRequests() {
		return this.takingRequests;
	}

	void set(boolean takingRequests) {
		this.takingRequests = takingRequests;
	}

}
