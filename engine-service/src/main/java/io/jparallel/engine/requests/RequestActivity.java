package io.jparallel.engine.requests;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * When this engine last took a request: background work that competes with requests for the cores (the
 * JShell kernel's warm-up) waits for a quiet spell. The engine's start, and its registration, count as
 * requests.
 */
@Component
public class RequestActivity {

	private volatile long lastNanos = System.nanoTime();

	public void requestTaken() {
		this.lastNanos = System.nanoTime();
	}

	/** How long since the engine last took a request (or started). */
	public Duration quietFor() {
		return Duration.ofNanos(System.nanoTime() - this.lastNanos);
	}

}
