package io.jparallel.scheduler.engines;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Engine id to uuid (the MUX routing key), kept current by hub notifications; on a miss it asks the
 * hub, since a client may address an engine before the notification of its registration arrives (a few
 * milliseconds). The question blocks the consumer thread that routes the request, so misses ask at most
 * once per {@link #MISS_LOOKUP_INTERVAL} (a flood of requests for an id that does not exist costs the hub
 * at most 20 questions a second), and not again for {@link #FAILED_LOOKUP_PAUSE} after the hub failed to
 * answer (each such question had held the consumer for the reply timeout, 30 s): meanwhile requests for
 * engines not known yet are refused at once.
 */
@Component
public class EngineDirectory {

	static final Duration MISS_LOOKUP_INTERVAL = Duration.ofMillis(50);

	static final Duration FAILED_LOOKUP_PAUSE = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(EngineDirectory.class);

	private final Map<Integer, String> uuids = new ConcurrentHashMap<>();

	private final HubEngineList hub;

	private final LongSupplier nanoTime;

	/** When a miss may ask the hub again ({@link System#nanoTime()}); guarded by {@code this}. */
	private long nextMissLookup;

	@Autowired
	public EngineDirectory(HubEngineList hub) {
		this(hub, System::nanoTime);
	}

	EngineDirectory(HubEngineList hub, LongSupplier nanoTime) {
		this.hub = hub;
		this.nanoTime = nanoTime;
		this.nextMissLookup = nanoTime.getAsLong();
	}

	public void registered(int id, String uuid) {
		if (this.uuids.put(id, uuid) == null) {
			logger.info("Engine " + id + " (" + uuid + ") is available; " + this.uuids.size() + " engines");
		}
	}

	public void unregistered(int id) {
		if (this.uuids.remove(id) != null) {
			logger.info("Engine " + id + " left; " + this.uuids.size() + " engines");
		}
	}

	/** The uuid of engine {@code id}, or {@code null} if the hub does not know it either. */
	public String uuidOf(int id) {
		String uuid = this.uuids.get(id);
		if (uuid == null) {
			refreshOnMiss();
			uuid = this.uuids.get(id);
		}
		return uuid;
	}

	/** An engine chosen by {@code key}, the same one for the same key while the engines stay the same. */
	public String pick(String key) {
		if (this.uuids.isEmpty()) {
			refreshOnMiss();
		}
		java.util.List<String> all = new java.util.TreeMap<>(this.uuids).values().stream().toList();
		return all.isEmpty() ? null : all.get(Math.floorMod(key.hashCode(), all.size()));
	}

	/** Asks the hub for the engine list now. */
	public synchronized void refresh() {
		lookUp();
	}

	private synchronized void refreshOnMiss() {
		long now = this.nanoTime.getAsLong();
		if (now - this.nextMissLookup < 0) {
			return;
		}
		boolean answered = lookUp();
		this.nextMissLookup = this.nanoTime.getAsLong()
				+ (answered ? MISS_LOOKUP_INTERVAL : FAILED_LOOKUP_PAUSE).toNanos();
	}

	/** Whether the hub answered. */
	private boolean lookUp() {
		try {
			Map<Integer, String> engines = this.hub.engines();
			this.uuids.keySet().retainAll(engines.keySet());
			engines.forEach(this::registered);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not get the engine list from the hub: " + ex.getMessage()
					+ "; requests for engines not known yet are refused for the next "
					+ FAILED_LOOKUP_PAUSE.toSeconds() + " s without asking it again");
			return false;
		}
	}

	/** The uuids of every engine known. */
	public java.util.List<String> uuids() {
		return java.util.List.copyOf(this.uuids.values());
	}

	public int size() {
		return this.uuids.size();
	}

}
