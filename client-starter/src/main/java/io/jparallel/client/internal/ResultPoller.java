package io.jparallel.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.client.JParallelException;
import io.jparallel.protocol.Message;

/**
 * Completes the replies of requests the hub holds as pending, by asking it again (one {@code get_result}
 * for every watched id) every {@link #DEFAULT_INTERVAL} until it has them: a request is completed once all
 * its replies are stored (a broadcast's every engine's), in engine order. An id the hub forgets (purged)
 * fails; so does every watched id when the client closes. A poll the hub does not answer is logged and
 * tried again.
 */
public final class ResultPoller implements AutoCloseable {

	/** How often the hub is asked. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

	private static final Log logger = LogFactory.getLog(ResultPoller.class);

	private final HubQueries hub;

	private final Duration interval;

	private final Map<String, List<CompletableFuture<Message>>> watched = new ConcurrentHashMap<>();

	private ScheduledExecutorService scheduler;

	private boolean closed;

	private int failures;

	public ResultPoller(HubQueries hub, Duration interval) {
		this.hub = hub;
		this.interval = interval;
	}

	/** Completes {@code replies} (one per reply the request waits for) once the hub holds them all. */
	public synchronized void watch(String msgId, List<CompletableFuture<Message>> replies) {
		if (this.closed) {
			throw new IllegalStateException("The client is closed");
		}
		this.watched.merge(msgId, List.copyOf(replies), (old, added) -> {
			List<CompletableFuture<Message>> all = new ArrayList<>(old);
			all.addAll(added);
			return all;
		});
		if (this.scheduler == null) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "jparallel-result-poller");
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler.scheduleWithFixedDelay(this::pollQuietly, this.interval.toMillis(), this.interval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/** Ids still waited for. */
	public List<String> watching() {
		return List.copyOf(this.watched.keySet());
	}

	private void pollQuietly() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			if (this.failures++ % 50 == 0) {
				logger.warn("Cannot ask the hub for " + this.watched.size() + " pending result(s), trying again: "
						+ ex.getMessage());
			}
		}
	}

	/** Asks the hub once for every watched id and completes what it holds. */
	void poll() {
		this.watched.values().removeIf(replies -> replies.stream().allMatch(CompletableFuture::isDone));
		if (this.watched.isEmpty()) {
			return;
		}
		StoredReplies stored = this.hub.getResult(List.copyOf(this.watched.keySet()));
		this.failures = 0;
		stored.found().forEach((msgId, replies) -> {
			List<CompletableFuture<Message>> waiting = this.watched.remove(msgId);
			if (waiting == null) {
				return;
			}
			for (int i = 0; i < waiting.size(); i++) {
				if (i < replies.size()) {
					waiting.get(i).complete(replies.get(i));
				}
				else {
					waiting.get(i).completeExceptionally(new JParallelException("The hub holds " + replies.size()
							+ " replies to " + msgId + ", " + waiting.size() + " were expected"));
				}
			}
		});
		fail(stored.unknown(), "is no longer known to the hub (its record was purged?)");
		fail(stored.missing(), "is answered, but the hub did not keep its reply");
	}

	private void fail(List<String> msgIds, String why) {
		for (String msgId : msgIds) {
			List<CompletableFuture<Message>> waiting = this.watched.remove(msgId);
			if (waiting != null) {
				JParallelException error = new JParallelException("Request " + msgId + " " + why);
				waiting.forEach(reply -> reply.completeExceptionally(error));
			}
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		IllegalStateException closedError = new IllegalStateException(
				"The client was closed before the hub had the result");
		this.watched.values().forEach(replies -> replies.forEach(reply -> reply.completeExceptionally(closedError)));
		this.watched.clear();
	}

}
