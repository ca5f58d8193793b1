package io.jparallel.hub.config;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * Declares the cluster's exchanges and the hub's own queues each time the hub connects, so they are
 * back after a broker restart before any consumer asks for them.
 * <p>
 * All queues are non-durable, like the exchanges: a cluster's traffic does not outlive its broker. The
 * audit queue has a length limit and drops its oldest messages when full, so publishers never wait on
 * the hub.
 */
public final class HubQueues implements ConnectionListener {

	/** The heartbeat queue only ever needs the latest beats. */
	static final int HEARTBEAT_QUEUE_MAX_LENGTH = 10_000;

	private static final Log logger = LogFactory.getLog(HubQueues.class);

	private final ClusterConnection cluster;

	private final int auditMaxLength;

	public HubQueues(ClusterConnection cluster, int auditMaxLength) {
		this.cluster = cluster;
		this.auditMaxLength = auditMaxLength;
	}

	@Override
	public void onCreate(Connection connection) {
		try {
			declare();
		}
		catch (RuntimeException ex) {
			logger.error("Cannot declare the hub's exchanges and queues on " + this.cluster.info().brokerUriForDisplay()
					+ " (a queue declared before with other arguments must be deleted first): " + ex.getMessage(), ex);
		}
	}

	/** Declares the exchanges, the hub queues and their bindings. */
	public void declare() {
		Topology topology = this.cluster.topology();
		AmqpAdmin admin = this.cluster.admin();
		this.cluster.declareExchanges();
		admin.declareQueue(new Queue(topology.hubQueue(), false, false, false));
		admin.declareQueue(new Queue(topology.hubHeartbeatQueue(), false, false, false,
				Map.of("x-max-length", HEARTBEAT_QUEUE_MAX_LENGTH)));
		admin.declareBinding(new Binding(topology.hubHeartbeatQueue(), DestinationType.QUEUE,
				topology.heartbeatExchange(), "", null));
		admin.declareQueue(new Queue(topology.hubAuditQueue(), false, false, false,
				Map.of("x-max-length", this.auditMaxLength, "x-overflow", "drop-head")));
		admin.declareBinding(new Binding(topology.hubAuditQueue(), DestinationType.QUEUE,
				// "*": every request and reply, and the first chunk of a large one, not its other chunks
				topology.requestsExchange(), "*", null));
		admin.declareBinding(new Binding(topology.hubAuditQueue(), DestinationType.QUEUE,
				topology.resultsExchange(), "*", null));
	}

}
