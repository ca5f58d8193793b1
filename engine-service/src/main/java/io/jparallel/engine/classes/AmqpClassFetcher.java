package io.jparallel.engine.classes;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;


import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Fetches class files from a client over RabbitMQ: a {@code class_request} {name} sent to the
 * client's class queue, answered with {@code class_reply} {found} and the bytes as the only buffer.
 */
public final class AmqpClassFetcher implements ClassFetcher {

	/** Content keys of class requests and replies. */
	public static final String NAME = "name";

	public static final String FOUND = "found";

	private final ClusterConnection cluster;

	private final String classQueue;

	private final String session;

	private final Duration timeout;

	public AmqpClassFetcher(ClusterConnection cluster, String classQueue, String session, Duration timeout) {
		this.cluster = cluster;
		this.classQueue = classQueue;
		this.session = session;
		this.timeout = timeout;
	}

	@Override
	public byte[] fetch(String className) throws IOException {
		Message request = Message.request(
				Header.create(MessageType.CLASS_REQUEST, this.session, System.getProperty("user.name")), Map.of(),
				Map.of(NAME, className), List.of());
		org.springframework.amqp.core.Message amqp = this.cluster.sender().toAmqp(request);
		amqp.getMessageProperties().setExpiration(String.valueOf(this.timeout.toMillis()));
		org.springframework.amqp.core.Message reply = this.cluster.template()
			.sendAndReceive("", this.classQueue, amqp);
		if (reply == null) {
			throw new IOException("The client did not send class " + className + " within " + this.timeout.toSeconds()
					+ " s (has it disconnected?)");
		}
		Message decoded = this.cluster.inbound().accept(reply.getBody(), this.classQueue);
		if (decoded == null) {
			throw new IOException("The client's reply for class " + className + " was rejected");
		}
		return "true".equals(decoded.content(FOUND)) && !decoded.buffers().isEmpty() ? decoded.buffers().get(0) : null;
	}


}
