package io.jparallel.protocol.amqp;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.TopicExchange;

import io.jparallel.protocol.topology.Topology;

/** Declares a cluster's exchanges; every participant does so on start, since declaring is idempotent. */
public final class TopologyDeclarations {

	private TopologyDeclarations() {
	}

	public static void declareExchanges(AmqpAdmin admin, Topology topology) {
		admin.declareExchange(new TopicExchange(topology.requestsExchange(), false, false));
		admin.declareExchange(new DirectExchange(topology.muxExchange(), false, false));
		admin.declareExchange(new DirectExchange(topology.taskExchange(), false, false));
		admin.declareExchange(new DirectExchange(topology.controlExchange(), false, false));
		admin.declareExchange(new DirectExchange(topology.schedulerExchange(), false, false));
		admin.declareExchange(new TopicExchange(topology.resultsExchange(), false, false));
		admin.declareExchange(new FanoutExchange(topology.notificationsExchange(), false, false));
		admin.declareExchange(new FanoutExchange(topology.heartbeatExchange(), false, false));
	}

}
