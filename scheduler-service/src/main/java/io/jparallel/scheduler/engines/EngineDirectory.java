package io.jparallel.scheduler.engines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * Engine id to uuid (the MUX routing key), kept current by hub notifications; on a miss it asks the
 * hub, since a client may address an engine before the notification of its registration arrives.
 */
@Component
public class EngineDirectory {

	private static final Log logger = LogFactory.getLog(EngineDirectory.class);

	private final Map<Integer, String> uuids = new ConcurrentHashMap<>();

	private final HubEngineList hub;

	public EngineDirectory(HubEngineList hub) {
		this.hub = hub;
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
			refresh();
			uuid = this.uuids.get(id);
		}
		return uuid;
	}

	/** An engine chosen by {@code key}, the same one for the same key while the engines stay the same. */
	public String pick(String key) {
		if (this.uuids.isEmpty()) {
			refresh();
		}
		java.util.List<String> all = new java.util.TreeMap<>(this.uuids).values().stream().toList();
		return all.isEmpty() ? null : all.get(Math.floorMod(key.hashCode(), all.size()));
	}

	public synchronized void refresh() {
		try {
			Map<Integer, String> engines = this.hub.engines();
			this.uuids.keySet().retainAll(engines.keySet());
			engines.forEach(this::registered);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not get the engine list from the hub: " + ex.getMessage());
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
