package io.jparallel.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.client.internal.Dispatcher;
import io.jparallel.client.internal.ExpectedReplies;
import io.jparallel.client.internal.HubQueries;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.MessageIds;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

/**
 * Sends recorded requests again ({@link Client#resubmit(String...)}): learns each one's type and route from
 * the hub's records, picks new ids and waits for their replies (as if this client had sent them) before
 * asking the hub to publish the stored requests again under those ids, for this client's session.
 */
final class Resubmissions {

	private static final Log logger = LogFactory.getLog(Resubmissions.class);

	private static final int BATCH = 500;

	private final HubQueries hub;

	private final ExpectedReplies expected;

	private final HubResults results;

	private final ViewSupport support;

	Resubmissions(HubQueries hub, ExpectedReplies expected, HubResults results, ViewSupport support) {
		this.hub = hub;
		this.expected = expected;
		this.results = results;
		this.support = support;
	}

	/**
	 * How one recorded request was sent.
	 *
	 * @param msgType its type
	 * @param route its route
	 * @param targets its engines, or {@link Dispatcher#LOAD_BALANCED} / {@link Dispatcher#SCHEDULER}
	 */
	record Sent(String msgType, String route, List<Integer> targets) {
	}

	AsyncResult<List<Object>> resubmit(Collection<String> msgIds) {
		List<String> oldIds = List.copyOf(new LinkedHashSet<>(msgIds));
		if (oldIds.isEmpty()) {
			throw new IllegalArgumentException("resubmit needs at least one msg id");
		}
		Map<String, Sent> sent = this.results.askUntilRecorded(() -> recorded(oldIds),
				answer -> answer.keySet().containsAll(oldIds));
		List<String> unknown = oldIds.stream().filter(id -> !sent.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("The hub has no record of " + unknown + " (never sent, or purged)");
		}
		Map<String, String> oldToNew = new LinkedHashMap<>();
		Map<String, List<Submission>> waiting = new LinkedHashMap<>();
		for (String oldId : oldIds) {
			String newId = MessageIds.next();
			Sent one = sent.get(oldId);
			oldToNew.put(oldId, newId);
			waiting.put(oldId, this.expected.expect(newId, one.msgType(), one.route(), one.targets()));
		}
		HubQueries.Resubmitted done;
		try {
			done = this.hub.resubmit(oldToNew);
		}
		catch (RuntimeException ex) {
			oldToNew.values().forEach(this.expected::forget);
			throw ex;
		}
		if (!done.unknown().isEmpty()) {
			done.unknown().forEach(oldId -> this.expected.forget(oldToNew.get(oldId)));
			if (done.resubmitted().isEmpty()) {
				throw new IllegalArgumentException("The hub holds no request of " + done.unknown()
						+ " to send again (only their replies were recorded, or they were purged)");
			}
			logger.warn("The hub holds no request of " + done.unknown() + " to send again; their results fail");
			JParallelException error = new JParallelException("The hub holds no request to send again");
			done.unknown().forEach(oldId -> waiting.get(oldId).forEach(s -> s.reply().completeExceptionally(error)));
		}
		List<Submission> submissions = new ArrayList<>();
		waiting.values().forEach(submissions::addAll);
		return new AsyncResult<>(submissions, false, this.results.decoder(), Collections::unmodifiableList,
				this.support::stop);
	}

	/** How each of {@code msgIds} the hub recorded was sent. */
	Map<String, Sent> recorded(List<String> msgIds) {
		Map<String, List<Map<String, Object>>> records = new LinkedHashMap<>();
		for (int from = 0; from < msgIds.size(); from += BATCH) {
			List<String> batch = msgIds.subList(from, Math.min(msgIds.size(), from + BATCH));
			String query = Query.where("msgId").in(batch).toJson();
			for (Map<String, Object> record : this.hub
				.dbQuery(query, List.of("msgId", "id", "msgType", "queue", "target", "engineId"))
				.records()) {
				records.computeIfAbsent(String.valueOf(record.get("msgId")), id -> new ArrayList<>()).add(record);
			}
		}
		Map<String, Sent> sent = new LinkedHashMap<>();
		records.forEach((msgId, rows) -> sent.put(msgId, sent(msgId, rows)));
		return sent;
	}

	static Sent sent(String msgId, List<Map<String, Object>> rows) {
		String msgType = rows.stream().map(row -> (String) row.get("msgType")).filter(type -> type != null
				&& type.endsWith("_request")).findFirst().orElse(MessageType.APPLY_REQUEST);
		String route = rows.stream().map(row -> (String) row.get("queue")).filter(q -> q != null && !q.isBlank())
			.findFirst().orElse(MetadataKeys.ROUTE_TASK);
		return switch (route) {
			case MetadataKeys.ROUTE_BROADCAST -> new Sent(msgType, route, broadcastTargets(msgId, rows));
			case MetadataKeys.ROUTE_MUX, MetadataKeys.ROUTE_CONTROL -> new Sent(msgType, route,
					List.of(directTarget(msgId, rows)));
			case MetadataKeys.ROUTE_SCHEDULER -> new Sent(msgType, route, List.of(Dispatcher.SCHEDULER));
			default -> new Sent(msgType, MetadataKeys.ROUTE_TASK, List.of(Dispatcher.LOAD_BALANCED));
		};
	}

	private static List<Integer> broadcastTargets(String msgId, List<Map<String, Object>> rows) {
		for (Map<String, Object> row : rows) {
			List<Integer> targets = integers(row.get("target"));
			if (!targets.isEmpty()) {
				return targets;
			}
		}
		List<Integer> engines = rows.stream()
			.map(row -> row.get("engineId"))
			.filter(Number.class::isInstance)
			.map(id -> ((Number) id).intValue())
			.distinct()
			.sorted()
			.toList();
		if (engines.isEmpty()) {
			throw new JParallelException("The hub's record of broadcast " + msgId + " names no engines");
		}
		return engines;
	}

	private static int directTarget(String msgId, List<Map<String, Object>> rows) {
		for (Map<String, Object> row : rows) {
			List<Integer> targets = integers(row.get("target"));
			if (targets.size() == 1) {
				return targets.get(0);
			}
			if (row.get("engineId") instanceof Number engine) {
				return engine.intValue();
			}
		}
		throw new JParallelException("The hub's record of " + msgId + " names no engine");
	}

	private static List<Integer> integers(Object value) {
		if (value == null) {
			return List.of();
		}
		List<Integer> ids = new ArrayList<>();
		for (String part : value.toString().split(",")) {
			try {
				if (!part.isBlank()) {
					ids.add(Integer.valueOf(part.trim()));
				}
			}
			catch (NumberFormatException ex) {
				return List.of();
			}
		}
		return ids;
	}

}
