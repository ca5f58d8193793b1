package io.jparallel.hub.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.jparallel.protocol.MetadataKeys;

/**
 * Where to send the abort of some requests, from what the audit recorded of them: load-balanced tasks
 * (route {@code task}) to the scheduler, which holds them or knows their engine; direct requests to the
 * engines they were addressed to (a broadcast to those of its engines that have not answered).
 *
 * @param byEngine request ids per engine id, engines in id order
 * @param scheduler ids of load-balanced tasks
 * @param alreadyDone ids already answered
 * @param unknown ids the audit has not recorded (yet), or that went neither to engines nor to the scheduler
 */
public record AbortPlan(Map<Integer, List<String>> byEngine, List<String> scheduler, List<String> alreadyDone,
		List<String> unknown) {

	public AbortPlan {
		Map<Integer, List<String>> copied = new TreeMap<>();
		byEngine.forEach((engine, ids) -> copied.put(engine, List.copyOf(ids)));
		byEngine = Collections.unmodifiableMap(copied);
		scheduler = List.copyOf(scheduler);
		alreadyDone = List.copyOf(alreadyDone);
		unknown = List.copyOf(unknown);
	}

	/**
	 * @param msgIds the requests to abort, in the order asked (duplicates ignored)
	 * @param recorded the audit's records of those it knows (several for a broadcast)
	 */
	public static AbortPlan of(Collection<String> msgIds, Collection<RecordedTask> recorded) {
		Map<String, List<RecordedTask>> byMsgId = new LinkedHashMap<>();
		recorded.forEach(task -> byMsgId.computeIfAbsent(task.msgId(), key -> new ArrayList<>()).add(task));
		Map<Integer, List<String>> byEngine = new TreeMap<>();
		List<String> scheduler = new ArrayList<>();
		List<String> done = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String msgId : new LinkedHashSet<>(msgIds)) {
			List<RecordedTask> records = byMsgId.getOrDefault(msgId, List.of());
			List<RecordedTask> pending = records.stream().filter(task -> !task.answered()).toList();
			if (records.isEmpty()) {
				unknown.add(msgId);
			}
			else if (pending.isEmpty()) {
				done.add(msgId);
			}
			else if (pending.stream().anyMatch(task -> MetadataKeys.ROUTE_TASK.equals(task.route()))) {
				scheduler.add(msgId);
			}
			else {
				Set<Integer> engines = new LinkedHashSet<>();
				for (RecordedTask task : pending) {
					if (!MetadataKeys.ROUTE_SCHEDULER.equals(task.route())) {
						engines.addAll(engineIds(task));
					}
				}
				if (engines.isEmpty()) {
					unknown.add(msgId);
				}
				engines.forEach(engine -> byEngine.computeIfAbsent(engine, key -> new ArrayList<>()).add(msgId));
			}
		}
		return new AbortPlan(byEngine, scheduler, done, unknown);
	}

	/** The record's engine if known, else those its target names. */
	private static Set<Integer> engineIds(RecordedTask task) {
		Set<Integer> ids = new LinkedHashSet<>();
		if (task.engineId() != null) {
			ids.add(task.engineId());
			return ids;
		}
		if (task.target() == null) {
			return ids;
		}
		for (String part : task.target().split(",")) {
			try {
				int id = Integer.parseInt(part.strip());
				if (id >= 0) {
					ids.add(id);
				}
			}
			catch (NumberFormatException ex) {
				// not an engine id: no engine this plan can reach
			}
		}
		return ids;
	}

	/** Whether there is nothing to send. */
	public boolean isEmpty() {
		return this.byEngine.isEmpty() && this.scheduler.isEmpty();
	}

}
