package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

/**
 * Answers the hub queries of {@link MessageType} ({@code get_result_request} ... {@code hub_history_request}).
 * A bad query is answered with an error {@link InvalidQueryException#ENAME}, any other failure with the
 * exception: never thrown, so the hub goes on serving.
 */
@Component
public class HubQueryService {

	/** The request types answered here. */
	public static final Set<String> TYPES = Set.of(MessageType.GET_RESULT_REQUEST, MessageType.RESULT_STATUS_REQUEST,
			MessageType.DB_QUERY_REQUEST, MessageType.RESUBMIT_REQUEST, MessageType.PURGE_RESULTS_REQUEST,
			MessageType.HUB_HISTORY_REQUEST);

	private static final Log logger = LogFactory.getLog(HubQueryService.class);

	private final ResultLookup results;

	private final TaskQueries queries;

	private final Resubmitter resubmitter;

	private final Purger purger;

	public HubQueryService(ResultLookup results, TaskQueries queries, Resubmitter resubmitter, Purger purger) {
		this.results = results;
		this.queries = queries;
		this.resubmitter = resubmitter;
		this.purger = purger;
	}

	/** The reply to one hub query. */
	public QueryReply answer(Message request) {
		try {
			return switch (request.msgType()) {
				case MessageType.GET_RESULT_REQUEST -> this.results.replies(msgIds(request), ResultLookup.MAX_REPLY_BYTES);
				case MessageType.RESULT_STATUS_REQUEST -> this.results.status(msgIds(request));
				case MessageType.DB_QUERY_REQUEST -> dbQuery(request);
				case MessageType.RESUBMIT_REQUEST -> resubmit(request);
				case MessageType.PURGE_RESULTS_REQUEST -> QueryReply.ok(Map.of(MetadataKeys.PURGED,
						String.valueOf(this.purger.purge(purgeTarget(request)))));
				case MessageType.HUB_HISTORY_REQUEST -> QueryReply.ok(Map.of(MetadataKeys.MSG_IDS,
						String.join(",", this.queries.history())));
				default -> throw new InvalidQueryException("the hub has no query " + request.msgType());
			};
		}
		catch (InvalidQueryException ex) {
			logger.info("Invalid " + request.msgType() + " from session " + request.header().session() + ": "
					+ ex.getMessage());
			return QueryReply.invalid(ex);
		}
		catch (RuntimeException ex) {
			logger.error("Cannot answer " + request.msgType() + " " + request.header().msgId() + " from session "
					+ request.header().session() + ": " + ex.getMessage(), ex);
			return QueryReply.error(ex);
		}
	}

	private QueryReply dbQuery(Message request) {
		QueryResult result = this.queries.find(request.content(MetadataKeys.QUERY), request.content(MetadataKeys.KEYS));
		return QueryReply.ok(Map.of(MetadataKeys.RECORDS, RecordJson.toJson(result.records()), MetadataKeys.TRUNCATED,
				String.valueOf(result.truncated())));
	}

	private QueryReply resubmit(Message request) {
		Map<String, String> oldToNew = new LinkedHashMap<>();
		Set<String> newIds = new LinkedHashSet<>();
		for (String pair : required(request, MetadataKeys.MSG_IDS)) {
			int colon = pair.indexOf(':');
			String oldId = (colon > 0) ? pair.substring(0, colon).trim() : "";
			String newId = (colon > 0) ? pair.substring(colon + 1).trim() : "";
			if (oldId.isEmpty() || newId.isEmpty()) {
				throw new InvalidQueryException("resubmit_request takes msg_ids as old:new pairs, got '" + pair + "'");
			}
			if (oldToNew.containsKey(oldId) || !newIds.add(newId)) {
				throw new InvalidQueryException("resubmit_request names '" + pair + "' twice");
			}
			oldToNew.put(oldId, newId);
		}
		Resubmitter.Resubmission done = this.resubmitter.resubmit(oldToNew, request.header().session(),
				request.header().username(), request.metadata(MetadataKeys.CLASS_QUEUE));
		return QueryReply.ok(Map.of(MetadataKeys.RESUBMITTED, String.join(",", done.resubmitted().keySet()),
				MetadataKeys.UNKNOWN, String.join(",", done.unknown())));
	}

	private static Purger.Target purgeTarget(Message request) {
		boolean all = Boolean.parseBoolean(request.content(MetadataKeys.ALL));
		List<Integer> engines = new ArrayList<>();
		for (String engine : split(request.content(MetadataKeys.ENGINE_ID))) {
			try {
				engines.add(Integer.valueOf(engine));
			}
			catch (NumberFormatException ex) {
				throw new InvalidQueryException("purge_results takes engine ids in engine_id, got '" + engine + "'");
			}
		}
		return new Purger.Target(all, split(request.content(MetadataKeys.MSG_IDS)), engines);
	}

	private static List<String> msgIds(Message request) {
		return required(request, MetadataKeys.MSG_IDS);
	}

	private static List<String> required(Message request, String key) {
		List<String> values = split(request.content(key));
		if (values.isEmpty()) {
			throw new InvalidQueryException(request.msgType() + " needs content " + key);
		}
		return values;
	}

	/** Comma-separated values, trimmed, without blanks and repeats, in order. */
	static List<String> split(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		Set<String> values = new LinkedHashSet<>();
		for (String value : commaSeparated.split(",")) {
			if (!value.isBlank()) {
				values.add(value.trim());
			}
		}
		return List.copyOf(values);
	}

}
