package io.jparallel.hub.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

/**
 * The content and buffers of the reply to a hub query.
 *
 * @param content the reply's content, with {@code status}
 * @param buffers its buffers (the stored replies of a {@code get_result_reply})
 */
public record QueryReply(Map<String, String> content, List<byte[]> buffers) {

	public QueryReply {
		content = Map.copyOf(content);
		buffers = List.copyOf(buffers);
	}

	/** An {@code ok} reply with this content. */
	public static QueryReply ok(Map<String, String> content) {
		return ok(content, List.of());
	}

	public static QueryReply ok(Map<String, String> content, List<byte[]> buffers) {
		Map<String, String> all = new HashMap<>(content);
		all.put(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
		return new QueryReply(all, buffers);
	}

	/** The error reply to an invalid query. */
	public static QueryReply invalid(InvalidQueryException ex) {
		return new QueryReply(Replies.errorContent(InvalidQueryException.ENAME, ex.getMessage(), ""), List.of());
	}

	/** The error reply to a query that failed. */
	public static QueryReply error(Throwable ex) {
		return new QueryReply(Replies.errorContent(ex), List.of());
	}

	public String status() {
		return this.content.get(MetadataKeys.STATUS);
	}

}
