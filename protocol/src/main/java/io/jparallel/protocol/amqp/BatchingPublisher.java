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
		if (!this.running) {
			throw new IllegalStateException("The publisher is closed");
		}
		Pending pending = new Pending(exchange, routingKey, body, msgId);
		long now = System.nanoTime();
		boolean idle = now - this.lastPublish > IDLE_NANOS;
		this.lastPublish = now;
		if (idle && this.queue.isEmpty() && this.sending.tryLock()) {
			try {
				if (this.queue.isEmpty()) {
					send(List.of(pending));
					return;
				}
			}
			finally {
				this.sending.unlock();
			}
		}
		this.queue.add(pending);
		if (this.parked.get()) {
			LockSupport.unpark(this.thread);
		}
	}

	private void run() {
		List<Pending> group = new ArrayList<>();
		while (this.running || !this.queue.isEmpty()) {
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
				nextGroup(group);
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
	private void nextGroup(List<Pending> group) {
		group.clear();
		Pending first = this.queue.poll();
		if (first == null) {
			return;
		}
		group.add(first);
		if (first.body().length >= LARGE_MESSAGE_BYTES) {
			return;
		}
		long bytes = first.body().length;
		Pending next;
		while (group.size() < MAX_BATCH_MESSAGES && (next = this.queue.peek()) != null
				&& next.body().length < LARGE_MESSAGE_BYTES && bytes + next.body().length <= MAX_BATCH_BYTES
				&& next.exchange().equals(first.exchange()) && next.routingKey().equals(first.routingKey())) {
			group.add(this.queue.poll());
			bytes += next.body().length;
		}
	}

	/** Publishes one group on the publisher's channel; called with {@link #sending} held. */
	private void send(List<Pending> group) {
		try {
			List<byte[]> bodies = new ArrayList<>(group.size());
			for (Pending pending : group) {
				bodies.add(pending.body());
			}
			Pending first = group.get(0);
			this.sender.sendBatch(channel(), first.exchange(), first.routingKey(), bodies);
		}
		catch (IOException | RuntimeException ex) {
			RuntimeException error = (ex instanceof RuntimeException runtime) ? runtime
					: new AmqpIOException((IOException) ex);
			logger.warn("Could not publish " + group.size() + " message(s): " + ex.getMessage());
			for (Pending pending : group) {
				this.onFailure.accept(pending.msgId(), error);
			}
		}
	}

	private Channel channel() {
		if (this.channel == null || !this.channel.isOpen()) {
			this.channel = this.sender.template().getConnectionFactory().createConnection().createChannel(false);
		}
		return this.channel;
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
