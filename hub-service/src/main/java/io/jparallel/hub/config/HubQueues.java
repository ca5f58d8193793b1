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
 * The registration and heartbeat queues are non-durable, like the exchanges: a cluster's traffic does not
 * outlive its broker. The audit queue is durable and has no length limit: it is bound with {@code #} to
 * the requests and results exchanges, so it receives every request, reply and chunk, and a hub that falls
 * behind (or is down for a while) only lets it grow; nothing is dropped.
 */
public final class HubQueues implements ConnectionListener {

	/** The heartbeat queue only ever needs the latest beats. */
	static final int HEARTBEAT_QUEUE_MAX_LENGTH = 10_000;

	private static final Log logger = LogFactory.getLog(HubQueues.class);

	private final ClusterConnection cluster;

	public HubQueues(ClusterConnection cluster) {
		this.cluster = cluster;
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
		admin.declareQueue(new Queue(topology.hubQueue(), true, false, false));
		admin.declareQueue(new Queue(topology.hubHeartbeatQueue(), true, false, false,
				Map.of("x-max-length", HEARTBEAT_QUEUE_MAX_LENGTH)));
		admin.declareBinding(new Binding(topology.hubHeartbeatQueue(), DestinationType.QUEUE,
				topology.heartbeatExchange(), "", null));
		admin.declareQueue(new Queue(topology.hubAuditQueue(), true, false, false));
		// "#": every request and reply, and every chunk of a large one ("<session>.chunk")
		admin.declareBinding(new Binding(topology.hubAuditQueue(), DestinationType.QUEUE,
				topology.requestsExchange(), "#", null));
		admin.declareBinding(new Binding(topology.hubAuditQueue(), DestinationType.QUEUE,
				topology.resultsExchange(), "#", null));
	}

}
