package io.jparallel.protocol.engines;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Subscribes to the hub's notifications fanout with a private, auto-deleted queue and hands each
 * registration and unregistration to an {@link EngineEvents}.
 */
public final class EngineNotificationSubscriber implements AutoCloseable {

	/** Content keys of registration and unregistration notifications. */
	public static final String ID = "id";

	public static final String UUID = "uuid";

	public static final String REASON = "reason";

	private final DirectMessageListenerContainer container;

	public EngineNotificationSubscriber(ClusterConnection cluster, String session, EngineEvents events) {
		Queue queue = QueueBuilder.nonDurable(cluster.topology().notificationsQueue(session)).autoDelete().exclusive()
				.build();
		cluster.admin().declareQueue(queue);
		cluster.admin().declareBinding(
				BindingBuilder.bind(queue).to(new FanoutExchange(cluster.topology().notificationsExchange())));
		this.container = new DirectMessageListenerContainer(cluster.connectionFactory());
		this.container.setQueueNames(queue.getName());
		this.container.setAcknowledgeMode(AcknowledgeMode.NONE);
		this.container.setMessageListener(amqp -> {
			Message message = cluster.inbound().accept(amqp.getBody(), queue.getName());
			if (message == null) {
				return;
			}
			if (MessageType.SHUTDOWN_REQUEST.equals(message.msgType())) {
				events.clusterShuttingDown(message.content(REASON));
				return;
			}
			String id = message.content(ID);
			if (id == null) {
				return;
			}
			if (MessageType.REGISTRATION_NOTIFICATION.equals(message.msgType())) {
				events.registered(Integer.parseInt(id), message.content(UUID));
			}
			else if (MessageType.UNREGISTRATION_NOTIFICATION.equals(message.msgType())) {
				events.unregistered(Integer.parseInt(id), message.content(UUID), message.content(REASON));
			}
		});
		this.container.afterPropertiesSet();
		this.container.start();
	}

	@Override
	public void close() {
		this.container.stop();
		this.container.destroy();
	}

}
