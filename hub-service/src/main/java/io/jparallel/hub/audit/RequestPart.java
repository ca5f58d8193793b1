package io.jparallel.hub.audit;

import java.util.List;

import io.jparallel.protocol.MetadataKeys;

/**
 * What a request tells its record.
 *
 * @param header its header
 * @param queue its route: {@code mux}, {@code task}, {@code broadcast}, {@code control} or {@code scheduler}
 * @param metadata its metadata as JSON text
 * @param content its content as JSON text
 * @param bytes the signed request as it travelled (chunks put back together)
 * @param label its metadata label
 * @param executeInput the code of an execute request
 * @param target its metadata {@code targets}, or {@code target}
 * @param engines the engines it is addressed to, if the target names them: one record each for a broadcast
 * @param resubmitted the msg id of the request it repeats, if the hub published it again (metadata
 * {@code resubmitted})
 */
record RequestPart(RequestHeader header, String queue, String metadata, String content, byte[] bytes, String label,
		String executeInput, String target, List<Integer> engines, String resubmitted) {

	RequestPart {
		engines = List.copyOf(engines);
	}

	String msgId() {
		return this.header.msgId();
	}

	/** Whether there is one record per engine. */
	boolean isBroadcast() {
		return MetadataKeys.ROUTE_BROADCAST.equals(this.queue) && !this.engines.isEmpty();
	}

	/** The one engine a direct request is for, or {@code null}. */
	Integer engine() {
		return (this.engines.size() == 1) ? this.engines.get(0) : null;
	}

}
