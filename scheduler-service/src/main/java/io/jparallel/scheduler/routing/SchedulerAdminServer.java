package io.jparallel.scheduler.routing;

import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.admin.AdminHttpServer;
import io.jparallel.protocol.discovery.EurekaRegistration;

/**
 * The scheduler's admin HTTP port ({@code server.port}, 0 for any free one), an {@link AdminHttpServer} whose
 * {@code /actuator/jparallel} is {@link SchedulerEndpoint#info()}, and its entry in the Eureka registry
 * (under {@code SCHEDULER-SERVICE}, with that port). It starts and stops in the last lifecycle phase, the
 * request consumer's, and is ready from its start until the scheduler stops.
 */
@Component
public class SchedulerAdminServer implements SmartLifecycle {

	private final AdminHttpServer server;

	private final EurekaRegistration eureka;

	private volatile boolean running;

	public SchedulerAdminServer(SchedulerEndpoint endpoint, PrometheusMeterRegistry prometheus,
			EurekaRegistration eureka, @Value("${server.address:0.0.0.0}") String address,
			@Value("${server.port:0}") int port) {
		this.server = new AdminHttpServer("scheduler-admin-http", address, port, endpoint::info, () -> this.running,
				prometheus::scrape);
		this.eureka = eureka;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
		this.eureka.register(this.server.port(), Map.of());
	}

	@Override
	public void stop() {
		this.running = false;
		this.eureka.cancel();
		this.server.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
