package io.jparallel.hub.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's server-sent events: every subscriber gets a {@code snapshot} event at once and then every
 * second. One snapshot is taken and encoded per second for all subscribers, and none while nobody watches.
 * A subscription ends after {@link #SUBSCRIPTION_TIMEOUT} (browsers reconnect by themselves) or when its
 * client is gone (the next send fails).
 */
@Component
public class DashboardStream implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DashboardStream.class);

	static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(30);

	static final String EVENT = "snapshot";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DashboardSnapshots snapshots;

	private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "dashboard-events");
		thread.setDaemon(true);
		return thread;
	});

	public DashboardStream(DashboardSnapshots snapshots) {
		this.snapshots = snapshots;
		this.ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
	}

	/** A new subscriber, sent the current snapshot at once. */
	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.subscribers.remove(emitter));
		emitter.onTimeout(() -> this.subscribers.remove(emitter));
		emitter.onError(error -> this.subscribers.remove(emitter));
		this.subscribers.add(emitter);
		this.ticker.execute(() -> {
			String json = encode();
			if (json != null) {
				send(emitter, json);
			}
		});
		return emitter;
	}

	public int subscribers() {
		return this.subscribers.size();
	}

	/** The current snapshot as JSON. */
	public String current() {
		return JSON.writeValueAsString(this.snapshots.take());
	}

	private void tick() {
		if (this.subscribers.isEmpty()) {
			return;
		}
		String json = encode();
		if (json != null) {
			this.subscribers.forEach(emitter -> send(emitter, json));
		}
	}

	private String encode() {
		try {
			return current();
		}
		catch (RuntimeException ex) {
			// the database may be down for a moment: subscribers keep their last snapshot
			logger.debug("No dashboard snapshot this second: " + ex.getMessage());
			return null;
		}
	}

	private void send(SseEmitter emitter, String json) {
		try {
			emitter.send(SseEmitter.event().name(EVENT).data(json));
		}
		catch (IOException | IllegalStateException ex) {
			this.subscribers.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
		this.subscribers.forEach(SseEmitter::complete);
		this.subscribers.clear();
	}

}
