package io.jparallel.protocol.amqp;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.TopicExchange;

import io.jparallel.protocol.topology.Topology;

/**
 * Declares a cluster's exchanges and queues; every participant declares what it uses when it starts,
 * since declaring is idempotent. Everything is durable, and messages are persistent
 * ({@link MessageSender}), so a broker restart loses no request, task or reply. A queue that belongs to
 * one process (an engine's, a client's) is not exclusive or auto-deleted either, since either would drop
 * it with a lost connection: it expires once nobody has used it for {@link #OWNED_QUEUE_EXPIRY}, and its
 * owner deletes it when it closes.
 */
public final class TopologyDeclarations {

	/** How long a queue of a participant that has gone lives on unused. */
	public static final java.time.Duration OWNED_QUEUE_EXPIRY = java.time.Duration.ofMinutes(30);

	private TopologyDeclarations() {
	}

	public static void declareExchanges(AmqpAdmin admin, Topology topology) {
		admin.declareExchange(new TopicExchange(topology.requestsExchange(), true, false));
		admin.declareExchange(new DirectExchange(topology.muxExchange(), true, false));
		admin.declareExchange(new DirectExchange(topology.taskExchange(), true, false));
		admin.declareExchange(new DirectExchange(topology.controlExchange(), true, false));
		admin.declareExchange(new DirectExchange(topology.schedulerExchange(), true, false));
		admin.declareExchange(new TopicExchange(topology.resultsExchange(), true, false));
		admin.declareExchange(new FanoutExchange(topology.notificationsExchange(), true, false));
		admin.declareExchange(new FanoutExchange(topology.heartbeatExchange(), true, false));
	}

	/** A durable queue of one participant (see the class comment), reached through the default exchange. */
	public static Queue declareOwnedQueue(AmqpAdmin admin, String name) {
		Queue queue = QueueBuilder.durable(name).expires((int) OWNED_QUEUE_EXPIRY.toMillis()).build();
		admin.declareQueue(queue);
		return queue;
	}

	/** A durable queue of one participant (see the class comment), bound to {@code exchange} with {@code key}. */
	public static Queue declareOwnedQueue(AmqpAdmin admin, String name, String exchange, String key) {
		Queue queue = declareOwnedQueue(admin, name);
		admin.declareBinding(new org.springframework.amqp.core.Binding(name,
				org.springframework.amqp.core.Binding.DestinationType.QUEUE, exchange, key, null));
		return queue;
	}

	/** Deletes a participant's own queue when it closes; a broker that cannot be reached lets it expire. */
	public static void deleteOwnedQueue(AmqpAdmin admin, String name) {
		try {
			admin.deleteQueue(name);
		}
		catch (RuntimeException ex) {
			// it expires after OWNED_QUEUE_EXPIRY unused
		}
	}

	/** The shared task queue of the {@code pure} scheme, which every engine consumes. */
	public static Queue declareSharedTaskQueue(AmqpAdmin admin, Topology topology) {
		Queue tasks = QueueBuilder.durable(topology.sharedTaskQueue()).build();
		admin.declareQueue(tasks);
		admin.declareBinding(new org.springframework.amqp.core.Binding(tasks.getName(),
				org.springframework.amqp.core.Binding.DestinationType.QUEUE, topology.taskExchange(),
				Topology.SHARED_TASKS_KEY, null));
		return tasks;
	}

	/**
	 * Declares the scheduler's request queue and its binding to the requests exchange. The scheduler does
	 * so when it starts, and so does every client when it connects: a request sent while the scheduler is
	 * still starting then waits in the queue instead of being dropped as unroutable.
	 */
	public static Queue declareSchedulerQueue(AmqpAdmin admin, Topology topology) {
		// one scheduler takes requests at a time; a standby takes over, with what the active one left
		// unacknowledged, when it goes
		Queue requests = QueueBuilder.durable(topology.schedulerQueue()).singleActiveConsumer().build();
		admin.declareQueue(requests);
		admin.declareBinding(
				BindingBuilder.bind(requests).to(new TopicExchange(topology.requestsExchange())).with("#"));
		return requests;
	}

	/**
	 * Declares the scheduler's queue of notices from engines ({@code task_done}, failed tasks to retry),
	 * bound to the scheduler exchange; single active consumer, like {@link #declareSchedulerQueue}.
	 */
	public static Queue declareSchedulerNoticesQueue(AmqpAdmin admin, Topology topology) {
		Queue notices = QueueBuilder.durable(topology.schedulerNoticesQueue()).singleActiveConsumer().build();
		admin.declareQueue(notices);
		admin.declareBinding(BindingBuilder.bind(notices)
			.to(new DirectExchange(topology.schedulerExchange()))
			.with(Topology.SCHEDULER_NOTICES_KEY));
		return notices;
	}

}
