package io.jparallel.scheduler.tasks;

import java.util.LinkedHashSet;
import java.util.Map;

/**
 * What the scheduler knows of one engine: its properties, the tasks it was given and has not finished
 * (in the order given; the engine runs them in that order), and how many it finished.
 */
final class EngineSlot {

	private final int id;

	private final String uuid;

	private Map<String, String> properties;

	private final LinkedHashSet<String> outstanding = new LinkedHashSet<>();

	private long completed;

	private long failed;

	private long lastAssigned;

	private final EngineCredit credit;

	EngineSlot(int id, String uuid, Map<String, String> properties, long now) {
		this.credit = new EngineCredit(now);
		this.id = id;
		this.uuid = uuid;
		this.properties = Map.copyOf(properties);
	}

	/** How many tasks it may hold when no fixed hwm is configured. */
	EngineCredit credit() {
		return this.credit;
	}

	int id() {
		return this.id;
	}

	String uuid() {
		return this.uuid;
	}

	Map<String, String> properties() {
		return this.properties;
	}

	void properties(Map<String, String> properties) {
		this.properties = Map.copyOf(properties);
	}

	/** Tasks given and not finished. */
	int load() {
		return this.outstanding.size();
	}

	LinkedHashSet<String> outstanding() {
		return this.outstanding;
	}

	long lastAssigned() {
		return this.lastAssigned;
	}

	void assigned(String msgId, long sequence) {
		this.outstanding.add(msgId);
		this.lastAssigned = sequence;
	}

	/** Whether the task was outstanding here. */
	boolean finished(String msgId, boolean succeeded) {
		if (!this.outstanding.remove(msgId)) {
			return false;
		}
		if (succeeded) {
			this.completed++;
		}
		else {
			this.failed++;
		}
		return true;
	}

	long completed() {
		return this.completed;
	}

	long failed() {
		return this.failed;
	}

	/** The task the engine is most likely running: the oldest outstanding one. */
	String running() {
		return this.outstanding.isEmpty() ? null : this.outstanding.iterator().next();
	}

}
