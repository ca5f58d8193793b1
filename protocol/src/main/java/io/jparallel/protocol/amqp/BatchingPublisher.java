package io.jparallel.protocol.amqp;

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
 */
public final class BatchingPublisher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BatchingPublisher.class);

	/** Messages at least this large are sent on their own. */
	static final int LARGE_MESSAGE_BYTES = 256 * 1024;

	private static final int MAX_BATCH_MESSAGES = 512;

	private static final int MAX_BATCH_BYTES = 1024 * 1024;

	private record Pending(String exchange, String routingKey, byte[] body, String msgId) {
	}

	private final MessageSender sender;

	private final BiConsumer<String, RuntimeException> onFailure;

	private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean parked = new AtomicBoolean();

	private final Thread thread;

	private volatile boolean running = true;

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
		this.queue.add(new Pending(exchange, routingKey, body, msgId));
		if (this.parked.get()) {
			LockSupport.unpark(this.thread);
		}
	}

	private void run() {
		List<Pending> group = new ArrayList<>();
		while (this.running || !this.queue.isEmpty()) {
			Pending first = this.queue.poll();
			if (first == null) {
				this.parked.set(true);
				if (this.queue.isEmpty() && this.running) {
					LockSupport.parkNanos(this, 50_000_000L);
				}
				this.parked.set(false);
				continue;
			}
			group.clear();
			group.add(first);
			if (first.body().length < LARGE_MESSAGE_BYTES) {
				long bytes = first.body().length;
				Pending next;
				while (group.size() < MAX_BATCH_MESSAGES && (next = this.queue.peek()) != null
						&& next.body().length < LARGE_MESSAGE_BYTES && bytes + next.body().length <= MAX_BATCH_BYTES
						&& next.exchange().equals(first.exchange()) && next.routingKey().equals(first.routingKey())) {
					group.add(this.queue.poll());
					bytes += next.body().length;
				}
			}
			send(group);
		}
	}

	private void send(List<Pending> group) {
		try {
			List<byte[]> bodies = new ArrayList<>(group.size());
			for (Pending pending : group) {
				bodies.add(pending.body());
			}
			Pending first = group.get(0);
			this.sender.sendBatch(first.exchange(), first.routingKey(), bodies);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish " + group.size() + " message(s): " + ex.getMessage());
			for (Pending pending : group) {
				this.onFailure.accept(pending.msgId(), ex);
			}
		}
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
	}

}
