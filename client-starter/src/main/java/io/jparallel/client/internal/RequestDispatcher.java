package io.jparallel.client.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.client.internal.bulk.BulkPath;
import io.jparallel.client.internal.bulk.BulkSettings;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.BatchingPublisher;
import io.jparallel.protocol.value.ValueDecodingException;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.topology.Topology;

/**
 * Sends a client's requests to the scheduler and completes each {@link Submission} when its reply
 * arrives on the client's own results queue (bound to the results exchange with the session as key).
 */
public final class RequestDispatcher implements Dispatcher, ExpectedReplies, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RequestDispatcher.class);

	private final ClusterConnection cluster;

	private final String session;

	private final RequestMessages messages;

	private final FinishedRequests finished = new FinishedRequests(FinishedRequests.DEFAULT_CAPACITY);

	/** Requests that are not work: never aborted by "abort everything". */
	private static final Set<String> CONTROL_TYPES = Set.of(MessageType.ABORT_REQUEST, MessageType.SHUTDOWN_REQUEST,
			MessageType.PROPERTIES_REQUEST, MessageType.QUEUE_STATUS_REQUEST);

	/**
	 * Requests waiting for their reply, by msg id; a broadcast request waits once per engine, under
	 * {@code msgId@engineId}, since every engine answers it with the same parent id.
	 */
	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final DirectMessageListenerContainer results;

	private final BatchingPublisher publisher;

	private final ChunkAssembler chunks;

	private final BulkPath bulk;

	public RequestDispatcher(ClusterConnection cluster, String session, String classQueue) {
		this(cluster, session, classQueue, BulkSettings.fromSystemProperties());
	}

	/** @param bulk when values take the direct bulk path instead of the broker */
	public RequestDispatcher(ClusterConnection cluster, String session, String classQueue, BulkSettings bulk) {
		this.cluster = cluster;
		this.bulk = new BulkPath(cluster, bulk);
		this.session = session;
		this.messages = new RequestMessages(session, System.getProperty("user.name", "jparallel"), classQueue);
		Topology topology = cluster.topology();
		// requests sent while the scheduler is still starting wait for it
		io.jparallel.protocol.amqp.TopologyDeclarations.declareSchedulerQueue(cluster.admin(), topology);
		Queue queue = io.jparallel.protocol.amqp.TopologyDeclarations.declareOwnedQueue(cluster.admin(),
				topology.clientResultsQueue(session), topology.resultsExchange(), session + ".#");
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
		this.bulk.answered(msgId, true);
		Pending direct = this.pending.remove(msgId);
		if (direct != null) {
			direct.reply().completeExceptionally(error);
		}
		String broadcastPrefix = msgId + "@";
		this.pending.keySet().removeIf(key -> {
			if (!key.startsWith(broadcastPrefix)) {
				return false;
			}
			Pending one = this.pending.get(key);
			if (one != null) {
				one.reply().completeExceptionally(error);
			}
			return true;
		});
	}

	@Override
	public List<Submission> send(String msgType, String route, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers, Map<String, String> flags) {
		Header header = this.messages.header(msgType);
		boolean broadcast = MetadataKeys.ROUTE_BROADCAST.equals(route);
		Instant submitted = Instant.now();
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			CompletableFuture<Message> reply = new CompletableFuture<>();
			this.pending.put(broadcast ? header.msgId() + "@" + target : header.msgId(),
					new Pending(msgType, target, reply));
			submissions.add(new Submission(header.msgId(), submitted, target, reply));
		}
		try {
			for (Chunks.Part part : encode(header, route, targets, content, buffers, flags)) {
				this.publisher.publish(this.cluster.topology().requestsExchange(), part.routingKey(), part.encoded(),
						header.msgId());
			}
		}
		catch (RuntimeException ex) {
			this.pending.remove(header.msgId());
			targets.forEach(target -> this.pending.remove(header.msgId() + "@" + target));
			this.bulk.answered(header.msgId(), true);
			throw ex;
		}
		return submissions;
	}

	/**
	 * One direct request per target, each with its own msg id, handed to the broker together: one batch
	 * for the scheduler instead of a request published on the caller's thread and the rest by the
	 * publisher thread after waking it.
	 */
	@Override
	public List<Submission> submitEach(String msgType, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers) {
		Instant submitted = Instant.now();
		List<Submission> submissions = new ArrayList<>(targets.size());
		List<BatchingPublisher.Outgoing> outgoing = new ArrayList<>(targets.size());
		try {
			for (int target : targets) {
				Header header = this.messages.header(msgType);
				CompletableFuture<Message> reply = new CompletableFuture<>();
				this.pending.put(header.msgId(), new Pending(msgType, target, reply));
				submissions.add(new Submission(header.msgId(), submitted, target, reply));
				for (Chunks.Part part : encode(header, MetadataKeys.ROUTE_MUX, List.of(target), content, buffers,
						Map.of())) {
					outgoing.add(new BatchingPublisher.Outgoing(part.routingKey(), part.encoded(), header.msgId()));
				}
			}
			this.publisher.publishAll(this.cluster.topology().requestsExchange(), outgoing);
		}
		catch (RuntimeException ex) {
			for (Submission submission : submissions) {
				this.pending.remove(submission.msgId());
				this.bulk.answered(submission.msgId(), true);
			}
			throw ex;
		}
		return submissions;
	}

	/** A request as it goes to the requests exchange: its large values served directly, then signed and chunked. */
	private List<Chunks.Part> encode(Header header, String route, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers, Map<String, String> flags) {
		Message request = this.bulk.outgoing(this.messages.build(header, route, targets, content, buffers, flags),
				targets.size());
		return Chunks.encode(this.cluster.codec(), request, this.session);
	}

	@Override
	public List<Submission> expect(String msgId, String msgType, String route, List<Integer> targets) {
		boolean broadcast = MetadataKeys.ROUTE_BROADCAST.equals(route);
		Instant submitted = Instant.now();
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			CompletableFuture<Message> reply = new CompletableFuture<>();
			this.pending.put(broadcast ? msgId + "@" + target : msgId, new Pending(msgType, target, reply));
			submissions.add(new Submission(msgId, submitted, target, reply));
		}
		return submissions;
	}

	@Override
	public void forget(String msgId) {
		this.pending.remove(msgId);
		this.pending.keySet().removeIf(key -> key.startsWith(msgId + "@"));
	}

	@Override
	public Map<String, List<Integer>> pendingTargets(Collection<String> msgIds) {
		Set<String> wanted = new HashSet<>(msgIds);
		Map<String, List<Integer>> targets = new LinkedHashMap<>();
		this.pending.forEach((key, one) -> {
			int at = key.indexOf('@');
			String msgId = (at < 0) ? key : key.substring(0, at);
			if (wanted.contains(msgId)) {
				targets.computeIfAbsent(msgId, id -> new ArrayList<>()).add(one.target());
			}
		});
		return targets;
	}

	@Override
	public List<String> pendingOn(Collection<Integer> engines) {
		Set<Integer> on = new HashSet<>(engines);
		Set<String> ids = new LinkedHashSet<>();
		this.pending.forEach((key, one) -> {
			if (on.contains(one.target()) && !CONTROL_TYPES.contains(one.msgType())) {
				int at = key.indexOf('@');
				ids.add((at < 0) ? key : key.substring(0, at));
			}
		});
		return List.copyOf(ids);
	}

	/**
	 * Ends every request waiting on an engine that left the cluster with an {@code EngineError} reply, so
	 * that nothing waits for an engine that will never answer.
	 */
	public void engineLeft(int engineId, String reason) {
		int ended = 0;
		for (Map.Entry<String, Pending> entry : this.pending.entrySet()) {
			Pending one = entry.getValue();
			if (one.target() == engineId && this.pending.remove(entry.getKey(), one)) {
				this.finished.remember(entry.getKey(), false, engineId);
				this.bulk.answered(entry.getKey().split("@", 2)[0], false);
				one.reply().complete(engineError(one.msgType(), engineId, reason));
				ended++;
			}
		}
		if (ended > 0) {
			logger.warn("Engine " + engineId + " left the cluster (" + reason + ") with " + ended
					+ " request(s) of this client unanswered; they end with EngineError");
		}
	}

	private Message engineError(String requestType, int engineId, String reason) {
		Header header = this.messages.header(MessageType.replyTo(requestType));
		return new Message(header, null, Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId)),
				Replies.errorContent(MetadataKeys.ENGINE_ERROR, "engine " + engineId + " left the cluster before it answered: " + reason, ""),
				List.of());
	}

	private final java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();

	private void onReply(byte[] body, String source) {
		for (Accepted received : this.cluster.inbound().acceptAll(body, source)) {
			for (Accepted accepted : this.chunks.offer(received)) {
				complete(accepted.message());
			}
		}
	}

	private void complete(Message received) {
		Message reply = received;
		if (reply.parentHeader() == null) {
			return;
		}
		String msgId = reply.parentHeader().msgId();
		Pending one = this.pending.remove(msgId);
		if (one == null) {
			one = this.pending.remove(msgId + "@" + reply.metadata(MetadataKeys.ENGINE_ID));
		}
		if (one == null) {
			if (this.finished.outcome(msgId).isPresent()) {
				// a task run twice (its scheduler died after placing it, before acknowledging it): the user
				// already has its result
				long count = this.duplicates.incrementAndGet();
				logger.debug("Dropped a second reply to " + msgId + " (" + count + " so far)");
			}
			else {
				logger.debug("Reply to unknown or finished request " + msgId);
			}
			this.bulk.discard(reply);
			return;
		}
		reply = this.bulk.incoming(reply);
		this.bulk.answered(msgId, false);
		if (one.target() != SCHEDULER) {
			this.finished.remember(msgId, MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS)),
					engineId(reply));
		}
		one.reply().complete(reply);
	}

	private static int engineId(Message reply) {
		try {
			String id = reply.metadata(MetadataKeys.ENGINE_ID);
			return (id != null) ? Integer.parseInt(id) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Replies dropped because their request had been answered already. */
	public long duplicateReplies() {
		return this.duplicates.get();
	}

	/** Requests sent and not yet answered. */
	public int outstanding() {
		return this.pending.size();
	}

	public String session() {
		return this.session;
	}

	@Override
	public Optional<FinishedRequests.Outcome> outcome(String msgId) {
		return this.finished.outcome(msgId);
	}

	@Override
	public List<CompletableFuture<Message>> pendingReplies() {
		return this.pending.values().stream().map(Pending::reply).toList();
	}

	private record Pending(String msgType, int target, CompletableFuture<Message> reply) {
	}

	@Override
	public byte[] encodeValue(Object value) {
		return this.bulk.encode(value);
	}

	@Override
	public Object decodeValue(byte[] buffer, ClassLoader classLoader) throws ValueDecodingException {
		return this.bulk.decode(buffer, classLoader);
	}

	/** Values served over the bulk path, and values uploaded and not yet taken, now (released as replies arrive). */
	public int bulkOpen() {
		return this.bulk.open();
	}

	@Override
	public void close() {
		this.bulk.close();
		this.publisher.close();
		this.results.stop();
		this.results.destroy();
		io.jparallel.protocol.amqp.TopologyDeclarations.deleteOwnedQueue(this.cluster.admin(),
				this.cluster.topology().clientResultsQueue(this.session));
		IllegalStateException closed = new IllegalStateException("The client was closed before the reply arrived");
		this.pending.values().forEach(one -> one.reply().completeExceptionally(closed));
		this.pending.clear();
	}

}
