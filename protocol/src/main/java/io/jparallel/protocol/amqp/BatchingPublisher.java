package io.jparallel.protocol.amqp;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import org.springframework.amqp.AmqpIOException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Publishes from one background thread, in the order messages were handed to it. Whatever queued up
 * while the previous publish was on the wire goes out as one {@link io.jparallel.protocol.wire.Batch}
 * per destination: no lingering, so a lone request leaves at once, while a burst (a loop of
 * {@code applyAsync}, a map with chunksize 1) costs the broker one message per batch instead of one
 * per request. Large messages always travel alone.
 * <p>
 * A message handed over while the publisher is idle (nothing queued, nothing sent for
 * {@link #IDLE_NANOS}) is published on the caller's thread instead: an interactive call does not pay
 * for waking the publisher thread, and a loop of calls is still batched from its second message on.
 * Both paths publish on one dedicated channel, under one lock: RabbitMQ keeps the order of messages
 * only within a channel, and a request must never overtake an earlier one to the same engine.
 * <p>
 * The channel is in confirm mode: a batch is kept until the broker confirms it, and when the broker
 * cannot be reached (a restart, a lost connection) or refuses a batch, whatever it had not confirmed is
 * published again, first and in order, once it can be reached again, for up to {@link #GIVE_UP_AFTER};
 * only then are the messages failed. A message may so arrive twice, which receivers tolerate (the
 * scheduler ignores a second copy of a task, the client a second reply).
 */
public final class BatchingPublisher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BatchingPublisher.class);

	/** Messages at least this large are sent on their own. */
	static final int LARGE_MESSAGE_BYTES = 256 * 1024;

	private static final int MAX_BATCH_MESSAGES = 512;

	static final long IDLE_NANOS = 1_000_000L;

	private final java.util.concurrent.locks.ReentrantLock sending = new java.util.concurrent.locks.ReentrantLock();

	private volatile long lastPublish;

	private static final int MAX_BATCH_BYTES = 1024 * 1024;

	private record Pending(String exchange, String routingKey, byte[] body, String msgId) {
	}

	private final MessageSender sender;

	private final BiConsumer<String, RuntimeException> onFailure;

	private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean parked = new AtomicBoolean();

	private final Thread thread;

	private volatile boolean running = true;

	/** The one channel every message is published on; guarded by {@link #sending}. */
	private Channel channel;

	/** How long unpublished messages wait for the broker before they fail. */
	static final java.time.Duration GIVE_UP_AFTER = java.time.Duration.ofMinutes(2);

	private static final long RETRY_PAUSE_NANOS = 250_000_000L;

	/** Batches published and not yet confirmed, by their first publish sequence number. */
	private final java.util.concurrent.ConcurrentSkipListMap<Long, List<Pending>> unconfirmed = new java.util.concurrent.ConcurrentSkipListMap<>();

	/** Batches to publish again before anything else, oldest first; guarded by {@link #sending}. */
	private final java.util.ArrayDeque<List<Pending>> resend = new java.util.ArrayDeque<>();

	/** When publishing started failing, or 0. */
	private volatile long failingSince;

	private long lastFailureLog;

	/**
	 * @param sender publishes the batches
	 * @param onFailure told the id of each message that could not be published, and why
	 * @param name the publisher thread's name
	 */
	public BatchingPublisher(MessageSender sender, BiConsumer<String, RuntimeException> onFailure, String name) {
		this.sender = Objects.requireNonNull(sender);
		this.onFailure = Objects.requireNonNull(onFailure);
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Queues an encoded message for publishing. */
	public void publish(String exchange, String routingKey, byte[] body, String msgId) {
		publishGroup(List.of(new Pending(exchange, routingKey, body, msgId)));
	}

	/**
	 * Queues several encoded messages, handed over together: while the publisher is idle, messages for one
	 * destination leave at once as one batch on the caller's thread (a request to each of several engines
	 * costs one broker message, not one on this thread and a batch of the rest after waking the publisher
	 * thread). Messages a batch cannot hold together (other destinations, a large one, more than a batch's
	 * limits) are queued one by one, in order.
	 */
	public void publishAll(String exchange, List<Outgoing> messages) {
		List<Pending> group = new ArrayList<>(messages.size());
		long bytes = 0;
		boolean oneBatch = messages.size() <= MAX_BATCH_MESSAGES;
		for (Outgoing message : messages) {
			group.add(new Pending(exchange, message.routingKey(), message.body(), message.msgId()));
			bytes += message.body().length;
			oneBatch &= message.body().length < LARGE_MESSAGE_BYTES
					&& message.routingKey().equals(messages.get(0).routingKey());
		}
		if (oneBatch && bytes <= MAX_BATCH_BYTES) {
			publishGroup(group);
		}
		else {
			group.forEach(pending -> publishGroup(List.of(pending)));
		}
	}

	/**
	 * One encoded message for {@link #publishAll}.
	 *
	 * @param routingKey where it goes on the exchange
	 * @param body the encoded message
	 * @param msgId the id failures are reported under
	 */
	public record Outgoing(String routingKey, byte[] body, String msgId) {
	}

	/** One batch: published on the caller's thread if the publisher is idle, else queued in order. */
	private void publishGroup(List<Pending> group) {
		if (!this.running) {
			throw new IllegalStateException("The publisher is closed");
		}
		long now = System.nanoTime();
		boolean idle = now - this.lastPublish > IDLE_NANOS;
		this.lastPublish = now;
		if (idle && this.queue.isEmpty() && this.sending.tryLock()) {
			try {
				if (this.queue.isEmpty() && this.resend.isEmpty() && this.failingSince == 0) {
					send(group);
					return;
				}
			}
			finally {
				this.sending.unlock();
			}
		}
		this.queue.addAll(group);
		if (this.parked.get()) {
			LockSupport.unpark(this.thread);
		}
	}

	private void run() {
		while (this.running || !this.queue.isEmpty()) {
			if (this.failingSince != 0 || hasResends()) {
				retryResends();
				continue;
			}
			if (this.queue.isEmpty()) {
				this.parked.set(true);
				if (this.queue.isEmpty() && this.running) {
					LockSupport.parkNanos(this, 50_000_000L);
				}
				this.parked.set(false);
				continue;
			}
			// polled under the lock, so a message published inline can never overtake a queued one
			this.sending.lock();
			try {
				// a new list each time: a published group is kept (unconfirmed) until the broker confirms it
				List<Pending> group = nextGroup();
				if (!group.isEmpty()) {
					send(group);
				}
			}
			finally {
				this.sending.unlock();
			}
		}
	}

	/** The next messages for one destination, up to the batch limits; a large message alone. */
	private List<Pending> nextGroup() {
		List<Pending> group = new ArrayList<>();
		Pending first = this.queue.poll();
		if (first == null) {
			return group;
		}
		group.add(first);
		if (first.body().length >= LARGE_MESSAGE_BYTES) {
			return group;
		}
		long bytes = first.body().length;
		Pending next;
		while (group.size() < MAX_BATCH_MESSAGES && (next = this.queue.peek()) != null
				&& next.body().length < LARGE_MESSAGE_BYTES && bytes + next.body().length <= MAX_BATCH_BYTES
				&& next.exchange().equals(first.exchange()) && next.routingKey().equals(first.routingKey())) {
			group.add(this.queue.poll());
			bytes += next.body().length;
		}
		return group;
	}

	/** Publishes one group on the publisher's channel; called with {@link #sending} held. */
	private void send(List<Pending> group) {
		try {
			publish(group);
		}
		catch (IOException | RuntimeException ex) {
			failed(group, ex);
		}
	}

	private void publish(List<Pending> group) throws IOException {
		List<byte[]> bodies = new ArrayList<>(group.size());
		for (Pending pending : group) {
			bodies.add(pending.body());
		}
		Pending first = group.get(0);
		Channel publishing = channel();
		this.unconfirmed.put(publishing.getNextPublishSeqNo(), group);
		this.sender.sendBatch(publishing, first.exchange(), first.routingKey(), bodies);
	}

	/** Publishing failed: what the broker has not confirmed goes out again once it can be reached. */
	private void failed(List<Pending> group, Exception ex) {
		if (this.failingSince == 0) {
			this.failingSince = System.nanoTime();
			logger.warn("Could not publish to the broker (" + ex.getMessage() + "); keeping " + (group.size()
					+ this.unconfirmed.size()) + " message batch(es) to publish again when it is back");
		}
		this.channel = null;
		requeueUnconfirmed(group);
		LockSupport.unpark(this.thread);
	}

	/** Puts every unconfirmed batch, then {@code also}, at the front of the resend queue, in order. */
	private void requeueUnconfirmed(List<Pending> also) {
		this.sending.lock();
		try {
			List<List<Pending>> again = new ArrayList<>(this.unconfirmed.values());
			this.unconfirmed.clear();
			if (also != null && !again.contains(also)) {
				again.add(also);
			}
			resendFirst(again);
		}
		finally {
			this.sending.unlock();
		}
	}

	/** Puts batches at the front of the resend queue, keeping their order. */
	private void resendFirst(List<List<Pending>> again) {
		this.sending.lock();
		try {
			for (int i = again.size() - 1; i >= 0; i--) {
				this.resend.addFirst(again.get(i));
			}
		}
		finally {
			this.sending.unlock();
		}
	}

	private boolean hasResends() {
		this.sending.lock();
		try {
			return !this.resend.isEmpty();
		}
		finally {
			this.sending.unlock();
		}
	}

	/** Publishes the batches to resend, in order; pauses while the broker stays away, gives up after a while. */
	private void retryResends() {
		this.sending.lock();
		try {
			while (!this.resend.isEmpty()) {
				List<Pending> next = this.resend.peekFirst();
				try {
					publish(next);
					this.resend.pollFirst();
				}
				catch (IOException | RuntimeException ex) {
					this.channel = null;
					this.unconfirmed.values().removeIf(group -> group == next);
					waitOrGiveUp(ex);
					return;
				}
			}
			if (this.failingSince != 0) {
				logger.info(String.format(java.util.Locale.ROOT,
						"Publishing to the broker again after %.1f s; the messages kept meanwhile went out",
						(System.nanoTime() - this.failingSince) / 1e9));
				this.failingSince = 0;
			}
		}
		finally {
			this.sending.unlock();
		}
	}

	private void waitOrGiveUp(Exception ex) {
		long now = System.nanoTime();
		long failing = now - this.failingSince;
		if (failing > GIVE_UP_AFTER.toNanos() || !this.running) {
			RuntimeException error = new AmqpIOException("The broker could not be reached for "
					+ GIVE_UP_AFTER.toSeconds() + " s: " + ex.getMessage(), (ex instanceof IOException io) ? io
							: new IOException(ex));
			int count = 0;
			for (List<Pending> group : this.resend) {
				for (Pending pending : group) {
					this.onFailure.accept(pending.msgId(), error);
					count++;
				}
			}
			this.resend.clear();
			this.failingSince = 0;
			logger.error("Gave up publishing " + count + " message(s): " + error.getMessage());
			return;
		}
		if (now - this.lastFailureLog > 5_000_000_000L) {
			this.lastFailureLog = now;
			logger.warn(String.format(java.util.Locale.ROOT,
					"Broker unreachable for %.0f s (%s); %d batch(es) waiting to be published again (giving up after %d s)",
					failing / 1e9, ex.getMessage(), this.resend.size(), GIVE_UP_AFTER.toSeconds()));
		}
		this.sending.unlock();
		try {
			LockSupport.parkNanos(this, RETRY_PAUSE_NANOS);
		}
		finally {
			this.sending.lock();
		}
	}

	private Channel channel() {
		if (this.channel == null || !this.channel.isOpen()) {
			Channel created = this.sender.template().getConnectionFactory().createConnection().createChannel(false);
			try {
				created.confirmSelect();
			}
			catch (IOException ex) {
				throw new AmqpIOException(ex);
			}
			created.addConfirmListener(this::confirmed, this::refused);
			created.addShutdownListener(cause -> {
				if (!cause.isInitiatedByApplication() && !this.unconfirmed.isEmpty()) {
					// the broker went away with batches it had not confirmed: they go out again
					if (this.failingSince == 0) {
						this.failingSince = System.nanoTime();
						logger.warn("Lost the broker (" + cause.getMessage() + ") with " + this.unconfirmed.size()
								+ " unconfirmed message batch(es); they are published again when it is back");
					}
					requeueUnconfirmed(null);
					LockSupport.unpark(this.thread);
				}
			});
			this.channel = created;
		}
		return this.channel;
	}

	private void confirmed(long sequence, boolean multiple) {
		if (multiple) {
			this.unconfirmed.headMap(sequence, true).clear();
		}
		else {
			this.unconfirmed.remove(sequence);
		}
	}

	private void refused(long sequence, boolean multiple) {
		logger.warn("The broker refused message batch " + sequence + (multiple ? " and earlier ones" : "")
				+ "; publishing again");
		java.util.Map<Long, List<Pending>> refused = multiple ? this.unconfirmed.headMap(sequence, true)
				: this.unconfirmed.subMap(sequence, true, sequence, true);
		List<List<Pending>> again = new ArrayList<>(refused.values());
		refused.clear();
		resendFirst(again);
		LockSupport.unpark(this.thread);
	}

	/** Publishes what is queued, then stops. */
	@Override
	public void close() {
		this.running = false;
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sending.lock();
		try {
			if (this.channel != null && this.channel.isOpen()) {
				this.channel.close();
			}
		}
		catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ex) {
			// the connection is going away with it
		}
		finally {
			this.sending.unlock();
		}
	}

}
