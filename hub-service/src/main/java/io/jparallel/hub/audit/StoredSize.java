package io.jparallel.hub.audit;

import java.time.Instant;

/**
 * A record's place in retention: its age and the bytes it holds.
 *
 * @param id the record's id
 * @param requestSize bytes of its request, if seen
 * @param resultSize bytes of its reply, if seen
 * @param recordedAt when it was recorded
 */
public record StoredSize(String id, Long requestSize, Long resultSize, Instant recordedAt) {

	/** Bytes of request and reply. */
	public long bytes() {
		return ((this.requestSize != null) ? this.requestSize : 0) + ((this.resultSize != null) ? this.resultSize : 0);
	}

}
