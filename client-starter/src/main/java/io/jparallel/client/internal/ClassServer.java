package io.jparallel.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.amqp.Replies;

/**
 * Answers engines' requests for class files (peer class loading): engines ask for a class they lack
 * by name, and the client sends the bytes from the class loaders of the functions it shipped.
 */
public final class ClassServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClassServer.class);

	private final ClusterConnection cluster;

	private final String session;

	private final Set<ClassLoader> loaders = ConcurrentHashMap.newKeySet();

	private final DirectMessageListenerContainer container;

	private final String queueName;

	public ClassServer(ClusterConnection cluster, String session) {
		this.cluster = cluster;
		this.session = session;
		remember(Thread.currentThread().getContextClassLoader());
		remember(ClassServer.class.getClassLoader());
		Queue queue = TopologyDeclarations.declareOwnedQueue(cluster.admin(), cluster.topology().clientClassQueue(session));
		this.queueName = queue.getName();
		this.container = new DirectMessageListenerContainer(cluster.connectionFactory());
		this.container.setQueueNames(this.queueName);
		this.container.setAcknowledgeMode(AcknowledgeMode.NONE);
		this.container.setConsumersPerQueue(2);
		this.container.setMessageListener(this::serve);
		this.container.afterPropertiesSet();
		this.container.start();
	}

	/** Makes the classes of this loader available to engines. */
	public void remember(ClassLoader loader) {
		if (loader != null) {
			this.loaders.add(loader);
		}
	}

	public String queueName() {
		return this.queueName;
	}

	private void serve(org.springframework.amqp.core.Message amqp) {
		MessageProperties properties = amqp.getMessageProperties();
		Message request = this.cluster.inbound().accept(amqp.getBody(), this.queueName);
		if (request == null || !MessageType.CLASS_REQUEST.equals(request.msgType()) || properties.getReplyTo() == null) {
			return;
		}
		String name = request.content("name");
		byte[] bytes = (name != null) ? find(name) : null;
		logger.debug("Engine " + request.header().session() + " asked for class " + name
				+ ((bytes != null) ? " (" + bytes.length + " bytes)" : " (not found)"));
		Message reply = Replies.reply(request, this.session, System.getProperty("user.name", "jparallel"), Map.of(),
				Map.of("found", String.valueOf(bytes != null)), (bytes != null) ? List.of(bytes) : List.of());
		org.springframework.amqp.core.Message out = this.cluster.sender().toAmqp(reply);
		out.getMessageProperties().setCorrelationId(properties.getCorrelationId());
		this.cluster.template().send("", properties.getReplyTo(), out);
	}

	private byte[] find(String className) {
		String resource = className.replace('.', '/') + ".class";
		for (ClassLoader loader : this.loaders) {
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in != null) {
					return in.readAllBytes();
				}
			}
			catch (IOException ex) {
				logger.warn("Cannot read " + resource + ": " + ex.getMessage());
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.container.stop();
		this.container.destroy();
		TopologyDeclarations.deleteOwnedQueue(this.cluster.admin(), this.queueName);
	}

}
