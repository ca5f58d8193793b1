package io.jparallel.client.internal;

import java.util.List;
import java.util.Map;

import io.jparallel.protocol.Message;

/**
 * What the hub holds of some requests ({@code get_result_reply}).
 *
 * @param found each answered id's replies (a broadcast's one per engine), in the order asked
 * @param pending each unanswered id, with how many replies it waits for
 * @param unknown ids the hub has no record of
 * @param missing ids answered whose replies the hub did not keep
 */
public record StoredReplies(Map<String, List<Message>> found, Map<String, Integer> pending, List<String> unknown,
		List<String> missing) {

	public StoredReplies {
		found = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(found));
		pending = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pending));
		unknown = List.copyOf(unknown);
		missing = List.copyOf(missing);
	}

}
