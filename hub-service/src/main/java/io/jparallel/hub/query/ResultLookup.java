package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.MetadataKeys;

/**
 * Answers {@code get_result_request} and {@code result_status_request}.
 * <p>
 * A {@code get_result_reply} lists in {@code found} one entry per stored reply, in the order of its
 * buffers: a broadcast's id once per engine. An id still pending is listed in {@code pending} once per
 * record it has (so a client knows how many replies to wait for), with none of its replies. Replies past
 * about {@link #MAX_REPLY_BYTES} are left for another request: their ids are listed in {@code more}.
 * Ids answered whose reply was not kept are listed in {@code missing}.
 */
@Component
public class ResultLookup {

	/** About the most stored reply bytes one {@code get_result_reply} carries (at least one id's replies). */
	public static final long MAX_REPLY_BYTES = 64L * 1024 * 1024;

	private final StoredResults results;

	public ResultLookup(StoredResults results) {
		this.results = results;
	}

	/** The {@code result_status_reply}. */
	public QueryReply status(List<String> msgIds) {
		StoredResults.Statuses statuses = this.results.statuses(msgIds);
		return QueryReply.ok(Map.of(MetadataKeys.COMPLETED, join(statuses.completed()), MetadataKeys.PENDING,
				join(statuses.pending()), MetadataKeys.UNKNOWN, join(statuses.unknown())));
	}

	/** The {@code get_result_reply}, its buffers at most about {@code maxBytes} (but at least one id's). */
	public QueryReply replies(List<String> msgIds, long maxBytes) {
		Map<String, List<StoredResults.State>> states = this.results.states(msgIds);
		List<String> pending = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<String> more = new ArrayList<>();
		List<StoredResults.State> planned = new ArrayList<>();
		long planBytes = 0;
		for (Map.Entry<String, List<StoredResults.State>> entry : states.entrySet()) {
			List<StoredResults.State> records = entry.getValue();
			if (records.isEmpty()) {
				unknown.add(entry.getKey());
			}
			else if (records.stream().anyMatch(StoredResults.State::pending)) {
				pending.addAll(Collections.nCopies(records.size(), entry.getKey()));
			}
			else {
				long size = records.stream().mapToLong(state -> (state.resultSize() != null) ? state.resultSize() : 0).sum();
				if (!planned.isEmpty() && planBytes + size > maxBytes) {
					more.add(entry.getKey());
				}
				else {
					planned.addAll(records);
					planBytes += size;
				}
			}
		}
		Map<String, byte[]> bytes = this.results.replyBytes(planned.stream().map(StoredResults.State::id).toList());
		List<String> found = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		List<byte[]> buffers = new ArrayList<>();
		for (StoredResults.State state : planned) {
			byte[] reply = bytes.get(state.id());
			if (reply != null) {
				found.add(state.msgId());
				buffers.add(reply);
			}
			else if (!missing.contains(state.msgId())) {
				missing.add(state.msgId());
			}
		}
		return QueryReply.ok(Map.of(MetadataKeys.FOUND, join(found), MetadataKeys.PENDING, join(pending),
				MetadataKeys.UNKNOWN, join(unknown), MetadataKeys.MORE, join(more), MetadataKeys.MISSING,
				join(missing)), buffers);
	}

	static String join(List<String> ids) {
		return String.join(",", ids);
	}

}
