package io.jparallel.hub.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * Gauge {@code jparallel.queue.depth} (Prometheus {@code jparallel_queue_depth}), messages waiting in the
 * hub's queues, tagged {@code queue}: {@code audit} (traffic not recorded yet) and {@code hub} (registrations
 * and engine lists not answered yet). Each scrape asks the broker.
 */
@Component
public class QueueGauges implements MeterBinder {

	private final ClusterConnection cluster;

	private final QueueDepths depths;

	public QueueGauges(ClusterConnection cluster, QueueDepths depths) {
		this.cluster = cluster;
		this.depths = depths;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Topology topology = this.cluster.topology();
		gauge(registry, "audit", topology.hubAuditQueue());
		gauge(registry, "hub", topology.hubQueue());
	}

	private void gauge(MeterRegistry registry, String tag, String queue) {
		Gauge.builder("jparallel.queue.depth", this.depths, depths -> depths.depthOrNaN(queue))
			.description("Messages waiting in a queue of the hub")
			.tag("queue", tag)
			.strongReference(true)
			.register(registry);
	}

}
