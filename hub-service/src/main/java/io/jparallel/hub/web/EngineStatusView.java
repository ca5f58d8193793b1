package io.jparallel.hub.web;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jparallel.hub.registration.Engine;

/**
 * An engine as {@code /actuator/jparallel} shows it: as {@code GET /engines}, with the messages waiting in
 * its queues.
 *
 * @param id the id the hub assigned
 * @param uuid the engine's uuid
 * @param hostname where it runs
 * @param state {@code REGISTERED}, {@code UNREGISTERED} or {@code DEAD}
 * @param lastHeartbeat its last heartbeat
 * @param properties the properties it publishes
 * @param queues messages waiting in its {@code mux} (direct requests) and {@code control} queues; only for
 * registered engines, a queue the broker does not have is left out
 */
public record EngineStatusView(int id, String uuid, String hostname, String state, Instant lastHeartbeat,
		Map<String, String> properties, @Nullable Map<String, Long> queues) {

	static EngineStatusView of(Engine engine, @Nullable Map<String, Long> queues) {
		return new EngineStatusView(engine.id(), engine.uuid(), engine.hostname(), engine.state().name(),
				engine.lastHeartbeat(), engine.properties(), queues);
	}

}
