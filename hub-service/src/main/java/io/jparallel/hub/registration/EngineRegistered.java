package io.jparallel.hub.registration;

/**
 * Application event: an engine registered (or registered again).
 *
 * @param engine the engine, as registered
 */
public record EngineRegistered(Engine engine) {
}
