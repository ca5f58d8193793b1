package io.jparallel.protocol.amqp;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.broker.Waits;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.protocol.wire.MessageCodec;
import io.jparallel.protocol.wire.MessageSigner;

/**
 * Everything a participant needs to talk to one cluster, built from its {@link ConnectionInfo}: the
 * broker connection, a template, the signing codec, the topology names and a gate for inbound
 * messages. Services expose it as a bean; the client builds one itself.
 */
public final class ClusterConnection implements AutoCloseable {

	private final ConnectionInfo info;

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final MessageSender sender;

	private final Topology topology;

	private final MessageCodec codec;

	public ClusterConnection(ConnectionInfo info, String connectionName, boolean rejectReplays) {
		this.info = info;
		this.topology = info.topology();
		this.codec = new MessageCodec(new MessageSigner(info.keyBytes()), maxMessageBytes());
		this.connectionFactory = createConnectionFactory(info, connectionName);
		this.template = new RabbitTemplate(this.connectionFactory);
		this.template.setUseDirectReplyToContainer(true);
		this.template.setReplyTimeout(30_000);
		this.admin = new RabbitAdmin(this.connectionFactory);
		this.sender = new MessageSender(this.template, this.codec);
		this.inbound = new InboundMessages(this.codec, rejectReplays);
	}

	private final InboundMessages inbound;

	/** Property (JVM system property, e.g. via {@code JPARALLEL_JVM_OPTS}) lowering the largest message accepted. */
	public static final String MAX_MESSAGE_BYTES_PROPERTY = "jparallel.max-message-bytes";

	private static int maxMessageBytes() {
		return Integer.getInteger(MAX_MESSAGE_BYTES_PROPERTY, MessageCodec.DEFAULT_MAX_MESSAGE_BYTES);
	}

	/** The one place every participant's broker connections are made: plain, or TLS for {@code amqps}. */
	private static CachingConnectionFactory createConnectionFactory(ConnectionInfo info, String connectionName) {
		com.rabbitmq.client.ConnectionFactory rabbit = new com.rabbitmq.client.ConnectionFactory();
		try {
			rabbit.setUri(withDefaultVhost(info.brokerUri()));
		}
		catch (URISyntaxException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Invalid broker URI: " + ex.getMessage(), ex);
		}
		BrokerTls.configure(rabbit, info);
		rabbit.setAutomaticRecoveryEnabled(false);
		rabbit.setRequestedHeartbeat(30);
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
		factory.setConnectionNameStrategy(cf -> connectionName);
		factory.setChannelCacheSize(16);
		return factory;
	}

	/** {@code amqp://host:port/} names the empty vhost to the Java client; users mean the default one. */
	static URI withDefaultVhost(String brokerUri) throws URISyntaxException {
		URI uri = new URI(brokerUri);
		if (!"/".equals(uri.getRawPath())) {
			return uri;
		}
		return new URI(uri.getScheme(), uri.getRawUserInfo(), uri.getHost(), uri.getPort(), null, null, null)
			.resolve((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/** Declares the cluster's exchanges. */
	public ClusterConnection declareExchanges() {
		TopologyDeclarations.declareExchanges(this.admin, this.topology);
		return this;
	}

	public ConnectionInfo info() {
		return this.info;
	}

	/** Whether the broker connection uses TLS (the factory's own setting, not just the URI's scheme). */
	public boolean isTls() {
		return this.connectionFactory.getRabbitConnectionFactory().isSSL();
	}

	public CachingConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Runs {@code lost} when the broker connection drops without the application asking (a broker
	 * restart, a network cut) and {@code back} whenever a connection is made; consumers resume by themselves.
	 */
	public void onBrokerLostAndBack(Runnable lost, Runnable back) {
		this.connectionFactory.addConnectionListener(new org.springframework.amqp.rabbit.connection.ConnectionListener() {

			@Override
			public void onCreate(org.springframework.amqp.rabbit.connection.Connection connection) {
				back.run();
			}

			@Override
			public void onShutDown(com.rabbitmq.client.ShutdownSignalException signal) {
				if (!signal.isInitiatedByApplication()) {
					lost.run();
				}
			}

		});
	}

	public RabbitTemplate template() {
		return this.template;
	}

	/**
	 * Sends a request to the hub's queue and waits for its reply ({@code null} after the reply timeout). A
	 * request published before the hub has declared its queue would be dropped by the broker and cost the
	 * whole reply timeout (30 s: seen when an engine or a scheduler starts just before the hub is up), so
	 * this first waits, up to that timeout, until the queue exists (a passive declare every 50–500 ms).
	 */
	public byte[] sendToHubAndReceive(Message request) {
		String queue = this.topology.hubQueue();
		if (!this.hubQueueSeen) {
			long deadline = System.nanoTime() + HUB_QUEUE_WAIT.toNanos();
			long pause = 50;
			while (!(this.hubQueueSeen = this.admin.getQueueProperties(queue) != null)
					&& System.nanoTime() - deadline < 0) {
				Waits.pause(Duration.ofMillis(pause));
				pause = Math.min(500, pause * 2);
			}
		}
		return this.sender.sendAndReceive("", queue, request);
	}

	private static final Duration HUB_QUEUE_WAIT = Duration.ofSeconds(30);

	/** The hub's queue is durable: once seen, later requests skip the passive declare (one broker round trip). */
	private volatile boolean hubQueueSeen;

	public RabbitAdmin admin() {
		return this.admin;
	}

	public MessageSender sender() {
		return this.sender;
	}

	public InboundMessages inbound() {
		return this.inbound;
	}

	public Topology topology() {
		return this.topology;
	}

	public MessageCodec codec() {
		return this.codec;
	}

	@Override
	public void close() {
		this.template.stop();
		this.connectionFactory.destroy();
	}

}
