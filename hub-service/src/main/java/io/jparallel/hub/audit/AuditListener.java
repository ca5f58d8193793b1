package io.jparallel.hub.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;

import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Consumes the audit queue in batches, with manual acknowledgements: verifies each message (rejections are
 * counted by the cluster connection's inbound gate), puts chunked messages back together, writes the
 * batch in one transaction and only then acknowledges its deliveries, so a hub stopped at any point loses
 * nothing it did not write (what it gets again is written again, which changes nothing).
 * <p>
 * When the database cannot be reached every delivery not acknowledged goes back to the queue and the
 * listener waits (1 s, doubling up to 30 s) before taking the next batch: the queue grows meanwhile, and
 * nothing is lost. A message the database refuses on its own (the others of its batch are written) is
 * logged and dropped, so it cannot block the audit.
 */
public final class AuditListener implements ChannelAwareBatchMessageListener {

	private static final Log logger = LogFactory.getLog(AuditListener.class);

	static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

	private final ClusterConnection cluster;

	private final AuditWriter writer;

	private final HeldChunks chunks;

	private final Pause pause;

	private final AtomicLong audited = new AtomicLong();

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong requeued = new AtomicLong();

	private volatile int incomplete;

	private Channel channel;

	private Duration nextPause = FIRST_PAUSE;

	private int failuresInARow;

	AuditListener(ClusterConnection cluster, AuditWriter writer, HeldChunks chunks, Pause pause) {
		this.cluster = cluster;
		this.writer = writer;
		this.chunks = chunks;
		this.pause = pause;
	}

	@Override
	public void onMessageBatch(List<Message> messages, Channel channel) {
		if (channel != this.channel) {
			if (this.channel != null) {
				this.chunks.reset("the audit consumer has a new channel");
			}
			this.channel = channel;
		}
		List<Long> deliveries = new ArrayList<>(messages.size());
		for (Message amqp : messages) {
			deliveries.add(amqp.getMessageProperties().getDeliveryTag());
		}
		try {
			long start = System.nanoTime();
			List<AuditedMessage> batch = wholeMessages(messages);
			write(batch);
			acknowledge(channel, this.chunks.acknowledgeable(deliveries));
			this.incomplete = this.chunks.incomplete();
			if (logger.isDebugEnabled()) {
				logger.debug("Audited " + batch.size() + " messages from " + messages.size() + " deliveries in "
						+ (System.nanoTime() - start) / 1_000_000 + " ms");
			}
		}
		catch (DatabaseUnavailableException ex) {
			giveBack(channel, deliveries, ex.getCause());
			return;
		}
		catch (RuntimeException ex) {
			// not the database's doing: still, nothing is lost
			giveBack(channel, deliveries, ex);
			return;
		}
		if (this.failuresInARow > 0) {
			logger.info("The audit writes again after " + this.failuresInARow + " failed attempt(s)");
			this.failuresInARow = 0;
			this.nextPause = FIRST_PAUSE;
		}
	}

	/** The verified messages of the deliveries, chunked ones once they are whole. */
	private List<AuditedMessage> wholeMessages(List<Message> messages) {
		String source = this.cluster.topology().hubAuditQueue();
		List<AuditedMessage> batch = new ArrayList<>(messages.size());
		for (Message amqp : messages) {
			long tag = amqp.getMessageProperties().getDeliveryTag();
			for (Accepted accepted : this.cluster.inbound().acceptAll(amqp.getBody(), source)) {
				for (Accepted whole : this.chunks.offer(accepted, tag)) {
					batch.add(new AuditedMessage(whole.message(), whole.encoded()));
				}
			}
		}
		return batch;
	}

	@Override
	public void onMessage(Message message, Channel channel) {
		onMessageBatch(List.of(message), channel);
	}

	/** Writes the batch; if the database refuses it, each message alone, dropping those it still refuses. */
	private void write(List<AuditedMessage> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			count(this.writer.write(batch), batch.size());
			return;
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailableException.isUnavailable(ex)) {
				throw new DatabaseUnavailableException(ex);
			}
			if (batch.size() == 1) {
				drop(batch.get(0), ex);
				return;
			}
			logger.warn("The database refused a batch of " + batch.size() + " audited messages (" + ex.getMessage()
					+ "); writing them one at a time");
		}
		Map<AuditedMessage, RuntimeException> refused = new LinkedHashMap<>();
		for (AuditedMessage message : batch) {
			try {
				count(this.writer.write(List.of(message)), 1);
			}
			catch (RuntimeException ex) {
				if (DatabaseUnavailableException.isUnavailable(ex)) {
					throw new DatabaseUnavailableException(ex);
				}
				refused.put(message, ex);
			}
		}
		if (refused.size() == batch.size()) {
			// not one message is the problem: the database is
			throw new DatabaseUnavailableException(refused.get(batch.get(batch.size() - 1)));
		}
		refused.forEach(this::drop);
	}

	private void count(AuditPlan plan, int messages) {
		this.audited.addAndGet(messages - plan.skipped());
		this.skipped.addAndGet(plan.skipped());
		this.batches.incrementAndGet();
	}

	private void drop(AuditedMessage message, RuntimeException ex) {
		long total = this.dropped.incrementAndGet();
		logger.error("The database refuses " + message.message().msgType() + " " + message.message().header().msgId()
				+ "; it is not audited (" + total + " dropped so far): " + ex.getMessage(), ex);
	}

	/** Acknowledges: those below the lowest delivery still held at once, the others one by one. */
	private void acknowledge(Channel channel, TreeSet<Long> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		try {
			long lowestHeld = this.chunks.lowestHeld();
			TreeSet<Long> below = new TreeSet<>(deliveries.headSet(lowestHeld));
			if (!below.isEmpty()) {
				channel.basicAck(below.last(), true);
			}
			for (long tag : deliveries.tailSet(lowestHeld)) {
				channel.basicAck(tag, false);
			}
		}
		catch (IOException | RuntimeException ex) {
			// the channel is gone: what it did not acknowledge is delivered again, and written again
			logger.warn("Cannot acknowledge " + deliveries.size() + " audit deliveries (" + ex.getMessage()
					+ "); the broker delivers them again");
			this.chunks.reset("acknowledging failed");
		}
	}

	/** Puts back every delivery not acknowledged and waits before the next batch. */
	private void giveBack(Channel channel, List<Long> deliveries, Throwable cause) {
		this.failuresInARow++;
		this.requeued.addAndGet(deliveries.size());
		Duration wait = this.nextPause;
		this.nextPause = min(this.nextPause.multipliedBy(2), LONGEST_PAUSE);
		logger.warn("Cannot write the audit of " + deliveries.size() + " deliveries (" + cause.getMessage()
				+ "); they go back to the audit queue, retrying in " + wait.toSeconds() + " s (attempt "
				+ this.failuresInARow + ")", (this.failuresInARow == 1) ? cause : null);
		try {
			long last = deliveries.stream().mapToLong(Long::longValue).max().orElse(0);
			if (last > 0) {
				channel.basicNack(last, true, true);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot give back audit deliveries (" + ex.getMessage() + "); the broker redelivers them "
					+ "when the channel closes");
		}
		this.chunks.reset("the batch was given back");
		this.incomplete = 0;
		this.pause.sleep(wait);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** Messages (requests and replies) recorded. */
	public long audited() {
		return this.audited.get();
	}

	/** Batches written. */
	public long batches() {
		return this.batches.get();
	}

	/** Verified messages the database refused on their own, not audited. */
	public long dropped() {
		return this.dropped.get();
	}

	/** Verified messages that are neither requests nor replies (no record). */
	public long skipped() {
		return this.skipped.get();
	}

	/** Deliveries given back to the queue because the database could not be written. */
	public long requeued() {
		return this.requeued.get();
	}

	/** Chunked messages waiting for more chunks. */
	public int incompleteChunkedMessages() {
		return this.incomplete;
	}

	/** How the listener waits before retrying; a test does not. */
	@FunctionalInterface
	interface Pause {

		Pause SLEEP = duration -> {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};

		void sleep(Duration duration);

	}

}
