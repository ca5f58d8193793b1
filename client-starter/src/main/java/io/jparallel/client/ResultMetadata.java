package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Facts about one request once its reply arrived.
 *
 * @param msgId the request's id
 * @param engineId the engine that ran it
 * @param engineUuid that engine's uuid
 * @param submitted when the client sent it
 * @param started when the engine started it
 * @param completed when the engine finished it
 * @param received when the client got the reply
 * @param status {@code ok} or {@code error}
 * @param stdout what it printed to {@code System.out}
 * @param stderr what it printed to {@code System.err}
 * @param executionCount how many {@code execute} requests the engine had run when it answered, or {@code null}
 */
public record ResultMetadata(String msgId, int engineId, String engineUuid, Instant submitted, Instant started,
		Instant completed, Instant received, String status, String stdout, String stderr, Integer executionCount) {

	/** Time from submission to the reply. */
	public Duration wallTime() {
		return Duration.between(this.submitted, this.received);
	}

}
