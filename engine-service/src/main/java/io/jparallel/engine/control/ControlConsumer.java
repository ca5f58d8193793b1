package io.jparallel.engine.control;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.topology.Topology;

/**
 * The engine's control queue (bound to the control exchange with the engine's uuid), consumed by a
 * listener container of its own: a control request is handled while the work consumers are busy
 * with a long request.
 */
@Component
public class ControlConsumer {

	private static final Log logger = LogFactory.getLog(ControlConsumer.class);

	/** Control requests taken ahead of handling them; they are small and quick. */
	static final int PREFETCH = 10;

	private final ClusterConnection cluster;

	private final ControlHandler handler;

	private DirectMessageListenerContainer container;

	public ControlConsumer(ClusterConnection cluster, ControlHandler handler) {
		this.cluster = cluster;
		this.handler = handler;
	}

	/** Declares the control queue, so control requests sent once the engine is registered wait for it. */
	public void declare(String uuid) {
		Topology topology = this.cluster.topology();
		TopologyDeclarations.declareOwnedQueue(this.cluster.admin(), topology.engineControlQueue(uuid),
				topology.controlExchange(), uuid);
	}

	public synchronized void start(String uuid) {
		String queue = this.cluster.topology().engineControlQueue(uuid);
		this.container = new DirectMessageListenerContainer(this.cluster.connectionFactory());
		this.container.setQueueNames(queue);
		this.container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		this.container.setPrefetchCount(PREFETCH);
		this.container.setConsumersPerQueue(1);
		this.container.setMessageListener(message -> this.handler.handle(message.getBody(), queue));
		this.container.afterPropertiesSet();
		this.container.start();
		logger.info("Consuming control requests from " + queue);
	}

	public synchronized void stop() {
		if (this.container != null) {
			this.container.stop();
		}
	}

}
