package io.jparallel.hub.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import io.jparallel.hub.heartbeat.HeartMonitor;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.InboundMeters;

/**
 * The hub's meters beside the task metrics and queue gauges, from memory at each scrape:
 * {@code jparallel.engines.registered} (engines registered and beating, as the heart monitor tracks them),
 * {@code jparallel.heartbeat.lag} (how far behind the hub reads its heartbeat queue: the age of the latest
 * beat of its own it read back, {@link HeartMonitor#hearingLag}), and the gate's accepted and rejected
 * messages ({@link InboundMeters}).
 */
@Component
public class HubMeters implements MeterBinder {

	private final HeartMonitor monitor;

	private final ClusterConnection cluster;

	public HubMeters(HeartMonitor monitor, ClusterConnection cluster) {
		this.monitor = monitor;
		this.cluster = cluster;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("jparallel.engines.registered", this.monitor, HeartMonitor::tracked)
			.description("Engines registered with the hub and watched by its heart monitor")
			.register(registry);
		Gauge.builder("jparallel.heartbeat.lag", this.monitor, monitor -> monitor.hearingLag().toNanos() / 1e9)
			.description("How far behind the hub reads its heartbeat queue: engines are judged only up to there")
			.baseUnit("seconds")
			.register(registry);
		new InboundMeters(this.cluster.inbound()).bindTo(registry);
	}

}
