package io.jparallel.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How this client's most recent answered requests ended, so that a dependency named by msg id can be
 * sent in its finished form ({@code msgId:ok:<engine>}), which needs no memory on the scheduler.
 * Bounded: the oldest are forgotten first.
 */
public final class FinishedRequests {

	/** How many outcomes are remembered by default. */
	public static final int DEFAULT_CAPACITY = 100_000;

	private final Map<String, Outcome> outcomes;

	public FinishedRequests(int capacity) {
		this.outcomes = new LinkedHashMap<>(1024, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
				return size() > capacity;
			}
		};
	}

	public void remember(String msgId, boolean succeeded, int engineId) {
		synchronized (this.outcomes) {
			this.outcomes.put(msgId, new Outcome(succeeded, engineId));
		}
	}

	public Optional<Outcome> outcome(String msgId) {
		synchronized (this.outcomes) {
			return Optional.ofNullable(this.outcomes.get(msgId));
		}
	}

	/**
	 * How one request ended.
	 *
	 * @param succeeded whether its reply said {@code ok}
	 * @param engineId the engine that answered, or -1 if none did (the scheduler, or this client)
	 */
	public record Outcome(boolean succeeded, int engineId) {
	}

}
