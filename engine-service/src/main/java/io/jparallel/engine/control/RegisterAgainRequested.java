package io.jparallel.engine.control;

/**
 * The hub asked this engine to register again: it had declared the engine dead (its heartbeats were
 * late) and still hears it beat.
 *
 * @param from the asking session (the hub's)
 */
public record RegisterAgainRequested(String from) {
}
