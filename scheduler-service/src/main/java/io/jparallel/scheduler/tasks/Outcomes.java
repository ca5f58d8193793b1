package io.jparallel.scheduler.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How recent tasks ended (succeeded or failed, and where), for the dependencies of tasks still to
 * come. Bounded: the oldest are forgotten first (a client names a finished dependency with its outcome,
 * so it needs no memory here).
 */
final class Outcomes {

	/**
	 * How a task ended.
	 *
	 * @param succeeded whether it succeeded
	 * @param engineId where it ran, or -1 if it never ran
	 */
	record Outcome(boolean succeeded, int engineId) {
	}

	private final Map<String, Outcome> outcomes;

	Outcomes(int capacity) {
		this.outcomes = new LinkedHashMap<>(1024, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
				return size() > capacity;
			}

		};
	}

	void record(String msgId, boolean succeeded, int engineId) {
		this.outcomes.put(msgId, new Outcome(succeeded, engineId));
	}

	Outcome get(String msgId) {
		return this.outcomes.get(msgId);
	}

	int size() {
		return this.outcomes.size();
	}

}
