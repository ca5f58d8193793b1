package io.jparallel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Waits, between two workloads, until the hub has recorded everything so far: its audit queue and its own
 * queue empty and nothing recorded between two readings ({@code GET /actuator/jparallel}, fields
 * {@code audit.backlog}, {@code hubQueue} and {@code audit.messagesRecorded}). The hub
 * audits in the background (niced, behind the request path), so after thousands of load-balanced tasks it is
 * still recording them for seconds; without this wait that work was billed to the next workload (a 100 MB
 * push took 930-1,230 ms on its engine right after the load-balanced maps, 540 ms 20 s later). The waits are
 * reported as a figure of their own, so the audit's cost stays in the results.
 */
final class HubAuditWait {

	static final Duration LIMIT = Duration.ofSeconds(120);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration PROGRESS = Duration.ofSeconds(5);

	private final URI status;

	private final Progress progress;

	/** Seconds waited so far, over every call of {@link #await}. */
	private double waited;

	HubAuditWait(String hubUrl, Progress progress) {
		this.status = URI.create(hubUrl.replaceAll("/+$", "") + "/actuator/jparallel");
		this.progress = progress;
	}

	/**
	 * Waits until nothing is left for the hub to record (at most {@link #LIMIT}).
	 * @param before the workload about to run, for the progress lines
	 * @return the seconds waited
	 */
	double await(String before) {
		long started = System.nanoTime();
		long lastSaid = started;
		HubStatus previous = null;
		HubStatus current = null;
		while (System.nanoTime() - started < LIMIT.toNanos()) {
			current = read();
			if (current != null && current.idleSince(previous)) {
				double waited = (System.nanoTime() - started) / 1e9;
				this.progress.say("hub's audit caught up after %.1f s, before %s", waited, before);
				this.waited += waited;
				return waited;
			}
			if (System.nanoTime() - lastSaid >= PROGRESS.toNanos()) {
				this.progress.say("waiting for the hub's audit before %s: %s", before,
						(current == null) ? "status not readable yet" : current.unrecorded() + " messages to record");
				lastSaid = System.nanoTime();
			}
			previous = current;
			pause();
		}
		this.progress.say("hub's audit still had %s messages to record after %d s; %s runs anyway",
				(current == null) ? "?" : current.unrecorded(), LIMIT.toSeconds(), before);
		this.waited += LIMIT.toSeconds();
		return LIMIT.toSeconds();
	}

	/** Seconds waited so far, over every call of {@link #await}. */
	double waited() {
		return this.waited;
	}

	/** The hub's status, or null if it could not be read. */
	private HubStatus read() {
		try {
			HttpURLConnection connection = (HttpURLConnection) this.status.toURL().openConnection();
			connection.setConnectTimeout(5_000);
			connection.setReadTimeout(30_000);
			try (InputStream in = connection.getInputStream()) {
				return HubStatus.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * What the hub's status says of its audit.
	 * @param unrecorded messages still queued for it: {@code audit.backlog + hubQueue}
	 * @param recorded {@code audit.messagesRecorded}
	 */
	record HubStatus(long unrecorded, long recorded) {

		/**
		 * Nothing queued, now and at the previous reading, and nothing recorded in between: the hub takes its
		 * audit queue in batches, so an empty queue alone may still leave a batch being written.
		 */
		boolean idleSince(HubStatus previous) {
			return this.unrecorded == 0 && previous != null && previous.unrecorded == 0
					&& previous.recorded == this.recorded;
		}

		/** @throws IllegalArgumentException if a field is missing */
		static HubStatus parse(String statusJson) {
			JsonObject status = JsonParser.parseString(statusJson).getAsJsonObject();
			JsonObject audit = status.getAsJsonObject("audit");
			if (audit == null || !audit.has("backlog") || !audit.has("messagesRecorded") || !status.has("hubQueue")) {
				throw new IllegalArgumentException("not the hub's status: " + statusJson);
			}
			return new HubStatus(audit.get("backlog").getAsLong() + status.get("hubQueue").getAsLong(),
					audit.get("messagesRecorded").getAsLong());
		}

	}

	private static void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the hub", ex);
		}
	}

}
