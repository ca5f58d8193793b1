package io.jparallel.engine.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.jparallel.engine.registration.EngineReadiness;
import io.jparallel.protocol.admin.AdminHttpServer;

/**
 * The engine's admin HTTP port ({@code server.port}, 0 for any free one): an {@link AdminHttpServer} whose
 * {@code /actuator/jparallel} is {@link EngineEndpoint#info()} and whose readiness is the engine's
 * registration with the hub ({@link EngineReadiness}: 503 before it and while the engine stops).
 */
@Component
public class EngineAdminServer implements SmartLifecycle {

	private final AdminHttpServer server;

	public EngineAdminServer(EngineEndpoint endpoint, EngineReadiness readiness, PrometheusMeterRegistry prometheus,
			@Value("${server.address:0.0.0.0}") String address, @Value("${server.port:0}") int port) {
		this.server = new AdminHttpServer("engine-admin-http", address, port, endpoint::info,
				readiness::isTakingRequests, prometheus::scrape);
	}

	/** The port it listens on (the chosen one when configured as 0). */
	public int port() {
		return this.server.port();
	}

	@Override
	public void start() {
		this.server.start();
	}

	@Override
	public void stop() {
		this.server.stop();
	}

	@Override
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/** Before the registrar (phase 0 by default), which lists this port in the registry. */
	@Override
	public int getPhase() {
		return -100;
	}

}
