package io.jparallel.engine.requests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Replies of a batch of requests, sent back as one batch per client. While a batch is being worked
 * through, a timer sends whatever has waited longer than {@link #MAX_WAIT_NANOS}, so a finished
 * result never waits behind a long request that follows it.
 */
final class ReplyBuffer implements AutoCloseable {

	static final long MAX_WAIT_NANOS = 1_000_000L;

	private final ClusterConnection cluster;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "engine-reply-flusher");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, List<byte[]>> pending = new LinkedHashMap<>();

	private long oldest;

	private ScheduledFuture<?> flusher;

	ReplyBuffer(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	/** Starts the timer for a batch of requests. */
	synchronized void open() {
		this.flusher = this.timer.scheduleWithFixedDelay(this::flushIfOld, 1, 1, TimeUnit.MILLISECONDS);
	}

	/** Buffers a reply; one too large to travel whole goes out at once, in chunks, after what is buffered. */
	synchronized void add(String session, Message reply) {
		List<Chunks.Part> parts = Chunks.encode(this.cluster.codec(), reply, session);
		if (parts.size() > 1) {
			flush();
			for (Chunks.Part part : parts) {
				this.cluster.sender().sendBatch(this.cluster.topology().resultsExchange(), part.routingKey(),
						List.of(part.encoded()));
			}
			return;
		}
		if (this.pending.isEmpty()) {
			this.oldest = System.nanoTime();
		}
		this.pending.computeIfAbsent(session, key -> new ArrayList<>()).add(parts.get(0).encoded());
	}

	/** Sends what is left and stops the timer. */
	synchronized void closeBatch() {
		if (this.flusher != null) {
			this.flusher.cancel(false);
			this.flusher = null;
		}
		flush();
	}

	private synchronized void flushIfOld() {
		if (!this.pending.isEmpty() && System.nanoTime() - this.oldest > MAX_WAIT_NANOS) {
			flush();
		}
	}

	private void flush() {
		this.pending.forEach((session, replies) -> this.cluster.sender()
			.sendBatch(this.cluster.topology().resultsExchange(), session, replies));
		this.pending.clear();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
