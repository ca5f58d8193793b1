package io.jparallel.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import io.jparallel.client.JParallelException;
import io.jparallel.client.ResultStatus;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.json.DataBinding;
import io.jparallel.protocol.wire.InvalidMessageException;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * The hub queries of a client ({@code get_result_request} ... {@code hub_history_request}): builds each
 * request, sends it on a {@link HubChannel} and reads the reply. An invalid query is an
 * {@link IllegalArgumentException} with the hub's explanation; any other refusal a {@link JParallelException}.
 */
public final class HubQueries {

	/** Error name of the hub's reply to an invalid query. */
	public static final String INVALID_QUERY = "io.jparallel.InvalidQuery";

	/** Most ids per request. */
	static final int BATCH = 1000;

	private final HubChannel hub;

	private final MessageCodec codec;

	private final String session;

	private final String username;

	private final String classQueue;

	/**
	 * @param hub where requests go
	 * @param codec verifies and decodes the stored replies the hub returns
	 * @param session this client's session, where resubmitted requests' replies go
	 * @param username the user requests are sent as
	 * @param classQueue the queue this client serves classes from (for resubmitted requests), or {@code null}
	 */
	public HubQueries(HubChannel hub, MessageCodec codec, String session, String username, String classQueue) {
		this.hub = hub;
		this.codec = codec;
		this.session = session;
		this.username = username;
		this.classQueue = classQueue;
	}

	/** The stored replies of {@code msgIds}, asking again for what the hub left for another request. */
	public StoredReplies getResult(Collection<String> msgIds) {
		Map<String, List<Message>> found = new LinkedHashMap<>();
		Map<String, Integer> pending = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		List<String> left = List.copyOf(new LinkedHashSet<>(msgIds));
		while (!left.isEmpty()) {
			List<String> more = new ArrayList<>();
			for (List<String> batch : batches(left)) {
				Message reply = call(MessageType.GET_RESULT_REQUEST, Map.of(MetadataKeys.MSG_IDS, String.join(",", batch)),
						Map.of(), "get_result");
				List<String> foundIds = list(reply.content(MetadataKeys.FOUND));
				if (foundIds.size() != reply.buffers().size()) {
					throw new JParallelException("The hub's get_result reply lists " + foundIds.size() + " replies but holds "
							+ reply.buffers().size());
				}
				for (int i = 0; i < foundIds.size(); i++) {
					found.computeIfAbsent(foundIds.get(i), id -> new ArrayList<>()).add(decode(foundIds.get(i),
							reply.buffers().get(i)));
				}
				list(reply.content(MetadataKeys.PENDING)).forEach(id -> pending.merge(id, 1, Integer::sum));
				unknown.addAll(list(reply.content(MetadataKeys.UNKNOWN)));
				missing.addAll(list(reply.content(MetadataKeys.MISSING)));
				List<String> moreIds = list(reply.content(MetadataKeys.MORE));
				if (!moreIds.isEmpty() && foundIds.isEmpty()) {
					throw new JParallelException("The hub sent none of the stored replies of " + moreIds);
				}
				more.addAll(moreIds);
			}
			left = more;
		}
		Map<String, List<Message>> ordered = new LinkedHashMap<>();
		for (String msgId : new LinkedHashSet<>(msgIds)) {
			if (found.containsKey(msgId)) {
				ordered.put(msgId, found.get(msgId));
			}
		}
		return new StoredReplies(ordered, pending, unknown, missing);
	}

	/** Where {@code msgIds} stand. */
	public ResultStatus resultStatus(Collection<String> msgIds) {
		List<String> completed = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (List<String> batch : batches(List.copyOf(new LinkedHashSet<>(msgIds)))) {
			Message reply = call(MessageType.RESULT_STATUS_REQUEST, Map.of(MetadataKeys.MSG_IDS, String.join(",", batch)),
					Map.of(), "result_status");
			completed.addAll(list(reply.content(MetadataKeys.COMPLETED)));
			pending.addAll(list(reply.content(MetadataKeys.PENDING)));
			unknown.addAll(list(reply.content(MetadataKeys.UNKNOWN)));
		}
		return new ResultStatus(completed, pending, unknown);
	}

	/**
	 * Records matching a query.
	 *
	 * @param records the records, field to value
	 * @param truncated whether more matched than the hub returned
	 */
	public record Records(List<Map<String, Object>> records, boolean truncated) {
	}

	/** The records matching {@code query} (a JSON object), with the fields {@code keys} (blank: all). */
	public Records dbQuery(String query, Collection<String> keys) {
		Map<String, String> content = new LinkedHashMap<>();
		content.put(MetadataKeys.QUERY, (query == null || query.isBlank()) ? "{}" : query);
		if (keys != null && !keys.isEmpty()) {
			content.put(MetadataKeys.KEYS, String.join(",", keys));
		}
		Message reply = call(MessageType.DB_QUERY_REQUEST, content, Map.of(), "db_query");
		try {
			List<Map<String, Object>> records = DataBinding.mapper().readValue(reply.content(MetadataKeys.RECORDS),
					new TypeReference<List<Map<String, Object>>>() {
					});
			return new Records(records, Boolean.parseBoolean(reply.content(MetadataKeys.TRUNCATED)));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new JParallelException("The hub's db_query reply is unreadable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What a resubmission did.
	 *
	 * @param resubmitted old ids published again
	 * @param unknown old ids the hub holds no request of
	 */
	public record Resubmitted(List<String> resubmitted, List<String> unknown) {
	}

	/** Asks the hub to publish each old request again under its new id, for this session. */
	public Resubmitted resubmit(Map<String, String> oldToNew) {
		List<String> resubmitted = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<String> pairs = oldToNew.entrySet().stream().map(entry -> entry.getKey() + ":" + entry.getValue()).toList();
		Map<String, String> metadata = (this.classQueue != null) ? Map.of(MetadataKeys.CLASS_QUEUE, this.classQueue)
				: Map.of();
		for (List<String> batch : batches(pairs)) {
			Message reply = call(MessageType.RESUBMIT_REQUEST, Map.of(MetadataKeys.MSG_IDS, String.join(",", batch)),
					metadata, "resubmit");
			resubmitted.addAll(list(reply.content(MetadataKeys.RESUBMITTED)));
			unknown.addAll(list(reply.content(MetadataKeys.UNKNOWN)));
		}
		return new Resubmitted(resubmitted, unknown);
	}

	/** Deletes finished records: all, or those of {@code msgIds} and of {@code engineIds}; how many. */
	public int purge(boolean all, Collection<String> msgIds, Collection<Integer> engineIds) {
		Map<String, String> content = new LinkedHashMap<>();
		if (all) {
			content.put(MetadataKeys.ALL, "true");
		}
		if (!engineIds.isEmpty()) {
			content.put(MetadataKeys.ENGINE_ID, String.join(",", engineIds.stream().map(String::valueOf).toList()));
		}
		List<List<String>> batches = batches(List.copyOf(new LinkedHashSet<>(msgIds)));
		if (batches.isEmpty()) {
			return purged(call(MessageType.PURGE_RESULTS_REQUEST, content, Map.of(), "purge_results"));
		}
		int purged = 0;
		for (List<String> batch : batches) {
			Map<String, String> withIds = new LinkedHashMap<>(content);
			withIds.put(MetadataKeys.MSG_IDS, String.join(",", batch));
			purged += purged(call(MessageType.PURGE_RESULTS_REQUEST, withIds, Map.of(), "purge_results"));
			content.remove(MetadataKeys.ENGINE_ID);
			content.remove(MetadataKeys.ALL);
		}
		return purged;
	}

	/** Every request the hub recorded, in submission order. */
	public List<String> history() {
		return list(call(MessageType.HUB_HISTORY_REQUEST, Map.of(), Map.of(), "hub_history").content(MetadataKeys.MSG_IDS));
	}

	private static int purged(Message reply) {
		try {
			return Integer.parseInt(reply.content(MetadataKeys.PURGED));
		}
		catch (NumberFormatException ex) {
			throw new JParallelException("The hub's purge_results reply has no count: " + reply.content());
		}
	}

	private Message call(String msgType, Map<String, String> content, Map<String, String> metadata, String what) {
		Message request = Message.request(Header.create(msgType, this.session, this.username), metadata, content,
				List.of());
		Message reply = this.hub.call(request);
		if (MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
			return reply;
		}
		String ename = reply.content(MetadataKeys.ENAME);
		String evalue = reply.content(MetadataKeys.EVALUE);
		if (INVALID_QUERY.equals(ename)) {
			throw new IllegalArgumentException("The hub refused the " + what + " request: " + evalue);
		}
		throw new JParallelException("The hub could not answer the " + what + " request: " + ename
				+ ((evalue != null && !evalue.isEmpty()) ? ": " + evalue : ""));
	}

	private Message decode(String msgId, byte[] stored) {
		try {
			return this.codec.decode(stored);
		}
		catch (InvalidMessageException ex) {
			throw new JParallelException("The stored reply to " + msgId + " is unreadable: " + ex.getMessage(), ex);
		}
	}

	private static List<List<String>> batches(List<String> values) {
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < values.size(); from += BATCH) {
			batches.add(values.subList(from, Math.min(values.size(), from + BATCH)));
		}
		return batches;
	}

	/** Comma-separated values, in order, repeats kept. */
	static List<String> list(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (String value : commaSeparated.split(",")) {
			if (!value.isBlank()) {
				values.add(value.trim());
			}
		}
		return values;
	}

}
