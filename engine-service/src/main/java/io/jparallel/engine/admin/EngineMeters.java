package io.jparallel.engine.admin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.jparallel.engine.requests.RequestHandler;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.InboundMeters;

/**
 * The engine's meters beside the request timer ({@code jparallel.engine.requests}, see
 * {@code RequestMetrics}), read at each scrape: {@code jparallel.engine.requests.in.hand} (requests received
 * and not answered yet), {@code jparallel.engine.requests.aborted}, and the gate's accepted and rejected
 * messages ({@link InboundMeters}). Bound to the engine's registry as it is made.
 */
@Component
public class EngineMeters {

	private final RequestHandler handler;

	private final ClusterConnection cluster;

	public EngineMeters(RequestHandler handler, ClusterConnection cluster, MeterRegistry registry) {
		this.handler = handler;
		this.cluster = cluster;
		bindTo(registry);
	}

	private void bindTo(MeterRegistry registry) {
		Gauge.builder("jparallel.engine.requests.in.hand", this.handler, RequestHandler::inHand)
			.description("Requests received and not answered yet: the one running and those behind it")
			.register(registry);
		FunctionCounter.builder("jparallel.engine.requests.aborted", this.handler, RequestHandler::aborted)
			.description("Requests aborted before or while they ran")
			.register(registry);
		new InboundMeters(this.cluster.inbound()).bindTo(registry);
	}

}
