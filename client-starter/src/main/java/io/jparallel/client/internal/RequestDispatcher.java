package io.jparallel.client.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.BatchingPublisher;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * Sends a client's requests to the scheduler and completes each {@link Submission} when its reply
 * arrives on the client's own results queue (bound to the results exchange with the session as key).
 */
public final class RequestDispatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RequestDispatcher.class);

	private final ClusterConnection cluster;

	private final String session;

	private final String username;

	private final String classQueue;

	private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();

	private final DirectMessageListenerContainer results;

	private final BatchingPublisher publisher;

	private final ChunkAssembler chunks;

	public RequestDispatcher(ClusterConnection cluster, String session, String classQueue) {
		this.cluster = cluster;
		this.session = session;
		this.username = System.getProperty("user.name", "jparallel");
		this.classQueue = classQueue;
		Topology topology = cluster.topology();
		Queue queue = QueueBuilder.nonDurable(topology.clientResultsQueue(session)).exclusive().autoDelete().build();
		cluster.admin().declareQueue(queue);
		cluster.admin()
			.declareBinding(
					BindingBuilder.bind(queue).to(new TopicExchange(topology.resultsExchange())).with(session + ".#"));
		this.results = new DirectMessageListenerContainer(cluster.connectionFactory());
		this.results.setQueueNames(queue.getName());
		this.results.setAcknowledgeMode(AcknowledgeMode.NONE);
		this.results.setPrefetchCount(1000);
		this.results.setMessageListener(amqp -> onReply(amqp.getBody(), queue.getName()));
		this.results.afterPropertiesSet();
		this.results.start();
		this.chunks = new ChunkAssembler(cluster.codec());
		this.publisher = new BatchingPublisher(cluster.sender(), this::failed, "jparallel-publisher-" + session);
	}

	private void failed(String msgId, RuntimeException error) {
		CompletableFuture<Message> future = this.pending.remove(msgId);
		if (future != null) {
			future.completeExceptionally(error);
		}
	}

	/**
	 * Sends one request.
	 * @param target the engine id for a direct request, or -1 to load-balance it
	 */
	public Submission submit(String msgType, int target, Map<String, String> content, List<byte[]> buffers) {
		Header header = Header.create(msgType, this.session, this.username);
		Map<String, String> metadata = new HashMap<>(4);
		metadata.put(MetadataKeys.CLASS_QUEUE, this.classQueue);
		if (target >= 0) {
			metadata.put(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX);
			metadata.put(MetadataKeys.TARGET, String.valueOf(target));
		}
		else {
			metadata.put(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK);
		}
		CompletableFuture<Message> reply = new CompletableFuture<>();
		this.pending.put(header.msgId(), reply);
		Instant submitted = Instant.now();
		try {
			Message request = new Message(header, null, metadata, content, buffers);
			for (Chunks.Part part : Chunks.encode(this.cluster.codec(), request, this.session)) {
				this.publisher.publish(this.cluster.topology().requestsExchange(), part.routingKey(), part.encoded(),
						header.msgId());
			}
		}
		catch (RuntimeException ex) {
			this.pending.remove(header.msgId());
			throw ex;
		}
		return new Submission(header.msgId(), submitted, target, reply);
	}

	private void onReply(byte[] body, String source) {
		for (Accepted received : this.cluster.inbound().acceptAll(body, source)) {
			for (Accepted accepted : this.chunks.offer(received)) {
				complete(accepted.message());
			}
		}
	}

	private void complete(Message reply) {
		if (reply.parentHeader() == null) {
			return;
		}
		CompletableFuture<Message> future = this.pending.remove(reply.parentHeader().msgId());
		if (future == null) {
			logger.debug("Reply to unknown or finished request " + reply.parentHeader().msgId());
			return;
		}
		future.complete(reply);
	}

	/** Requests sent and not yet answered. */
	public int outstanding() {
		return this.pending.size();
	}

	public String session() {
		return this.session;
	}

	@Override
	public void close() {
		this.publisher.close();
		this.results.stop();
		this.results.destroy();
		IllegalStateException closed = new IllegalStateException("The client was closed before the reply arrived");
		this.pending.values().forEach(future -> future.completeExceptionally(closed));
		this.pending.clear();
	}

}
