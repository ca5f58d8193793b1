package io.jparallel.hub.registration;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the hub knows of one engine.
 *
 * @param id the id the hub assigned, counting from 0
 * @param uuid the engine's own uuid
 * @param hostname where it runs
 * @param pid its process id, if it said
 * @param state where it stands
 * @param registeredAt when it last registered
 * @param lastHeartbeat its last heartbeat the database knows of (the heart monitor knows later ones)
 * @param unregisteredAt when it left or was declared dead, or {@code null}
 * @param properties the properties it published (when it registered, or changed since), keys sorted
 */
public record Engine(int id, String uuid, String hostname, Long pid, EngineState state, Instant registeredAt,
		Instant lastHeartbeat, Instant unregisteredAt, Map<String, String> properties) {

	public Engine {
		properties = (properties != null) ? Collections.unmodifiableMap(new TreeMap<>(properties)) : Map.of();
	}

	public Engine withLastHeartbeat(Instant lastHeartbeat) {
		return new Engine(this.id, this.uuid, this.hostname, this.pid, this.state, this.registeredAt, lastHeartbeat,
				this.unregisteredAt, this.properties);
	}

}
