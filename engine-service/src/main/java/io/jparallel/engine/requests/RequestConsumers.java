package io.jparallel.engine.requests;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.topology.Topology;

/**
 * The engine's two work inputs: its own MUX queue (direct and broadcast requests) and the shared task
 * queue (load-balanced requests). Both feed one {@link RequestHandler}, which runs one request at a
 * time; a message is acknowledged once it has been answered, so the task prefetch bounds how much work
 * an engine holds that an idle engine could have taken. Control requests come in apart from these (see
 * {@code io.jparallel.engine.control}).
 */
@Component
public class RequestConsumers {

	private static final Log logger = LogFactory.getLog(RequestConsumers.class);

	private final ClusterConnection cluster;

	private final RequestHandler handler;

	private final EngineProperties properties;

	private DirectMessageListenerContainer mux;

	private DirectMessageListenerContainer tasks;

	public RequestConsumers(ClusterConnection cluster, RequestHandler handler, EngineProperties properties) {
		this.cluster = cluster;
		this.handler = handler;
		this.properties = properties;
	}

	/** Declares this engine's queues, so requests sent once it is registered wait for it. */
	public void declare(String uuid) {
		Topology topology = this.cluster.topology();
		TopologyDeclarations.declareOwnedQueue(this.cluster.admin(), topology.engineMuxQueue(uuid),
				topology.muxExchange(), uuid);
		TopologyDeclarations.declareSharedTaskQueue(this.cluster.admin(), topology);
	}

	public synchronized void start(String uuid) {
		Topology topology = this.cluster.topology();
		this.mux = container(topology.engineMuxQueue(uuid), this.properties.getMuxPrefetch());
		this.tasks = container(topology.sharedTaskQueue(), this.properties.getTaskPrefetch());
		logger.info("Consuming " + topology.engineMuxQueue(uuid) + " and " + topology.sharedTaskQueue()
				+ " (task prefetch " + this.properties.getTaskPrefetch() + ")");
	}

	private DirectMessageListenerContainer container(String queue, int prefetch) {
		DirectMessageListenerContainer container = new DirectMessageListenerContainer(
				this.cluster.connectionFactory());
		container.setQueueNames(queue);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setPrefetchCount(prefetch);
		container.setConsumersPerQueue(1);
		container.setMessageListener(message -> this.handler.handle(message.getBody(), queue));
		container.afterPropertiesSet();
		container.start();
		return container;
	}

	public synchronized void stop() {
		for (DirectMessageListenerContainer container : new DirectMessageListenerContainer[] { this.mux,
				this.tasks }) {
			if (container != null) {
				container.stop();
			}
		}
	}

}
