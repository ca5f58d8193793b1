package io.jparallel.protocol.engines;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Subscribes to the hub's notifications fanout with a private, auto-deleted queue and hands each
 * registration (with the engine's properties), unregistration and change of an engine's properties to
 * an {@link EngineEvents}.
 */
public final class EngineNotificationSubscriber implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EngineNotificationSubscriber.class);

	/** Content keys of registration and unregistration notifications. */
	public static final String ID = "id";

	public static final String UUID = "uuid";

	public static final String REASON = "reason";

	/** Content key of registration and properties notifications: the engine's properties as JSON. */
	public static final String PROPERTIES = MetadataKeys.PROPERTIES;

	private final DirectMessageListenerContainer container;

	private final org.springframework.amqp.core.AmqpAdmin admin;

	private final String queueName;

	public EngineNotificationSubscriber(ClusterConnection cluster, String session, EngineEvents events) {
		Queue queue = TopologyDeclarations.declareOwnedQueue(cluster.admin(),
				cluster.topology().notificationsQueue(session), cluster.topology().notificationsExchange(), "");
		this.admin = cluster.admin();
		this.queueName = queue.getName();
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
				Map<String, String> properties = properties(message);
				events.registered(Integer.parseInt(id), message.content(UUID), (properties != null) ? properties : Map.of());
			}
			else if (MessageType.UNREGISTRATION_NOTIFICATION.equals(message.msgType())) {
				events.unregistered(Integer.parseInt(id), message.content(UUID), message.content(REASON));
			}
			else if (MessageType.PROPERTIES_NOTIFICATION.equals(message.msgType())) {
				Map<String, String> properties = properties(message);
				if (properties != null) {
					events.propertiesChanged(Integer.parseInt(id), message.content(UUID), properties);
				}
			}
		});
		this.container.afterPropertiesSet();
		this.container.start();
	}

	/** The notification's properties, or {@code null} if they cannot be read. */
	private static Map<String, String> properties(Message message) {
		try {
			return PropertyMaps.fromJson(message.content(PROPERTIES));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignored the unreadable properties of engine " + message.content(ID) + " in a "
					+ message.msgType() + ": " + ex.getMessage());
			return null;
		}
	}

	@Override
	public void close() {
		this.container.stop();
		this.container.destroy();
		TopologyDeclarations.deleteOwnedQueue(this.admin, this.queueName);
	}

}
