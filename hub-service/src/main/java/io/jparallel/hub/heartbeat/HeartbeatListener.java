package io.jparallel.hub.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.MessageListener;
import org.springframework.context.event.EventListener;

import io.jparallel.hub.registration.EngineLeft;
import io.jparallel.hub.registration.HubContent;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Consumes the hub's heartbeat queue. A heartbeat is a signed {@code heartbeat} message whose content
 * holds the engine's {@code uuid} (and {@code id}); without a {@code uuid}, the header's session is taken
 * as the engine's uuid. Engines also say how much work they hold ({@code queued}) and have done
 * ({@code handled}): kept in {@link EngineLoads} for the dashboard. The hub's {@link OwnHeartbeat own beats}
 * come back through the same queue and tell the {@link HeartMonitor} how far it has read; beats of
 * another hub's session are ignored.
 */
public final class HeartbeatListener implements MessageListener {

	private static final Log logger = LogFactory.getLog(HeartbeatListener.class);

	private final ClusterConnection cluster;

	private final HeartMonitor monitor;

	private final EngineLoads loads;

	private final AtomicLong fromUnknownEngines = new AtomicLong();

	/** How long the hub waits for an engine it asked to register again before asking once more. */
	static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(5);

	/** When an engine asked to register again that has neither beaten nor left since is forgotten anyway. */
	static final Duration FORGET_ASKED_AFTER = Duration.ofMinutes(1);

	private final Map<String, Long> askedAt = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	private final OwnHeartbeat own;

	public HeartbeatListener(ClusterConnection cluster, HeartMonitor monitor, OwnHeartbeat own) {
		this(cluster, monitor, new EngineLoads(), own);
	}

	public HeartbeatListener(ClusterConnection cluster, HeartMonitor monitor, EngineLoads loads, OwnHeartbeat own) {
		this(cluster, monitor, loads, own, System::nanoTime);
	}

	/** @param nanoTime the monotonic clock asks are timed by */
	HeartbeatListener(ClusterConnection cluster, HeartMonitor monitor, EngineLoads loads, OwnHeartbeat own,
			LongSupplier nanoTime) {
		this.cluster = cluster;
		this.monitor = monitor;
		this.loads = loads;
		this.own = own;
		this.nanoTime = nanoTime;
	}

	@Override
	public void onMessage(org.springframework.amqp.core.Message amqp) {
		Message heartbeat = this.cluster.inbound().accept(amqp.getBody(), this.cluster.topology().hubHeartbeatQueue());
		if (heartbeat == null) {
			return;
		}
		if (!MessageType.HEARTBEAT.equals(heartbeat.msgType())) {
			logger.warn("The heartbeat queue got a " + heartbeat.msgType() + " from session "
					+ heartbeat.header().session() + "; ignored");
			return;
		}
		if (heartbeat.content(OwnHeartbeat.SENT_AT) != null) {
			heardHubBeat(heartbeat);
			return;
		}
		String uuid = heartbeat.content(HubContent.UUID);
		if (uuid == null) {
			uuid = heartbeat.header().session();
		}
		if (this.monitor.beat(uuid)) {
			this.loads.report(uuid, heartbeat.content(EngineLoads.QUEUED), heartbeat.content(EngineLoads.HANDLED));
			this.askedAt.remove(uuid);
		}
		else {
			if (this.fromUnknownEngines.incrementAndGet() % 100 == 1) {
				logger.info("Heartbeat from engine " + uuid + ", which is not registered (or was declared dead);"
						+ " asking it to register again. " + this.fromUnknownEngines.get() + " such heartbeats so far");
			}
			askToRegisterAgain(uuid);
		}
	}

	private void heardHubBeat(Message heartbeat) {
		try {
			Instant sentAt = this.own.sentAt(heartbeat);
			if (sentAt != null && this.monitor.heardOwnBeat(sentAt)) {
				logger.info("The hub heard its own heartbeat back through its heartbeat queue: from now on it judges "
						+ "engines' silence only up to what it has read");
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn(ex.getMessage() + "; ignored");
		}
	}

	/**
	 * An engine declared dead (its beats were late: a stopped process, a starved machine) beats on and
	 * would never serve again: it is asked, at most once per {@link #ASK_AGAIN_AFTER}, on its own control
	 * queue, to register again (it gets its id back). When it was asked is forgotten once its heartbeats are
	 * accepted again, or it leaves, or {@link #FORGET_ASKED_AFTER} later (it died meanwhile).
	 */
	private void askToRegisterAgain(String uuid) {
		long now = this.nanoTime.getAsLong();
		// an engine asked long ago that never beat again (it died after asking) is forgotten here
		this.askedAt.values().removeIf(at -> now - at >= FORGET_ASKED_AFTER.toNanos());
		Long asked = this.askedAt.get(uuid);
		if (asked != null && now - asked < ASK_AGAIN_AFTER.toNanos()) {
			return;
		}
		this.askedAt.put(uuid, now);
		try {
			Message request = Message.request(Header.create(MessageType.REGISTER_AGAIN_REQUEST, "hub", "hub"), Map.of(),
					Map.of(HubContent.UUID, uuid), List.of());
			this.cluster.sender().send(this.cluster.topology().controlExchange(), uuid, request);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ask engine " + uuid + " to register again: " + ex.getMessage());
		}
	}

	/** An engine that unregistered or was declared dead: when it was last asked to register again is forgotten. */
	@EventListener
	public void onLeft(EngineLeft event) {
		this.askedAt.remove(event.engine().uuid());
	}

	/** Engines asked to register again whose heartbeats have not been accepted since. */
	int askedToRegisterAgain() {
		return this.askedAt.size();
	}

	/** Heartbeats from engines that are not registered. */
	public long fromUnknownEngines() {
		return this.fromUnknownEngines.get();
	}

}
