package io.jparallel.protocol.amqp;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
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

	/**
	 * Declares the scheduler's request queue and its binding to the requests exchange. The scheduler does
	 * so when it starts, and so does every client when it connects: a request sent while the scheduler is
	 * still starting then waits in the queue instead of being dropped as unroutable.
	 */
	public static Queue declareSchedulerQueue(AmqpAdmin admin, Topology topology) {
		Queue requests = QueueBuilder.nonDurable(topology.schedulerQueue()).build();
		admin.declareQueue(requests);
		admin.declareBinding(
				BindingBuilder.bind(requests).to(new TopicExchange(topology.requestsExchange(), false, false)).with("#"));
		return requests;
	}

}
