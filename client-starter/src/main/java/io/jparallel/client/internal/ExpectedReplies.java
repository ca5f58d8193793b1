package io.jparallel.client.internal;

import java.util.List;

/**
 * Replies this client waits for to requests it did not publish itself (the hub publishes a resubmitted
 * request for it): registered before the request can be sent, so that no reply comes first.
 */
public interface ExpectedReplies {

	/**
	 * Waits for the replies to request {@code msgId}, one per target as if this client had sent it.
	 * @param msgType the request's type
	 * @param route one of the {@code MetadataKeys.ROUTE_*} values
	 * @param targets the engines (a broadcast's each), or {@link Dispatcher#LOAD_BALANCED} / {@link Dispatcher#SCHEDULER}
	 */
	List<Submission> expect(String msgId, String msgType, String route, List<Integer> targets);

	/** Stops waiting for the replies to {@code msgId} (the request was not sent after all). */
	void forget(String msgId);

}
