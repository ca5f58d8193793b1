package io.jparallel.hub.registration;

/**
 * Application event: an engine unregistered or was declared dead.
 *
 * @param engine the engine, as it left
 * @param reason why
 */
public record EngineLeft(Engine engine, String reason) {
}
