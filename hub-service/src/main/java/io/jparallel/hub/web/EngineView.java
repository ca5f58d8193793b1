package io.jparallel.hub.web;

import java.time.Instant;
import java.util.Map;

import io.jparallel.hub.registration.Engine;

/**
 * An engine as {@code GET /engines} shows it.
 *
 * @param id the id the hub assigned
 * @param uuid the engine's uuid
 * @param hostname where it runs
 * @param pid its process id
 * @param state {@code REGISTERED}, {@code UNREGISTERED} or {@code DEAD}
 * @param registeredAt when it last registered
 * @param lastHeartbeat its last heartbeat
 * @param properties the properties it publishes, for tasks to require
 */
public record EngineView(int id, String uuid, String hostname, Long pid, String state, Instant registeredAt,
		Instant lastHeartbeat, Map<String, String> properties) {

	static EngineView of(Engine engine) {
		return new EngineView(engine.id(), engine.uuid(), engine.hostname(), engine.pid(), engine.state().name(),
				engine.registeredAt(), engine.lastHeartbeat(), engine.properties());
	}

}
