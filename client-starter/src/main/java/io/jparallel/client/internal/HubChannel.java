package io.jparallel.client.internal;

import io.jparallel.protocol.Message;

/** Sends one request to the hub queue and returns the hub's reply; a seam for tests. */
@FunctionalInterface
public interface HubChannel {

	/**
	 * The hub's reply to {@code request}.
	 * @throws io.jparallel.client.JParallelException if the hub did not answer in time, or the reply was unreadable
	 */
	Message call(Message request);

}
