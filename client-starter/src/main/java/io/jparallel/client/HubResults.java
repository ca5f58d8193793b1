package io.jparallel.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.jparallel.client.internal.HubQueries;
import io.jparallel.client.internal.ResultPoller;
import io.jparallel.client.internal.StoredReplies;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;

/**
 * Results from the hub's store ({@link Client#getResult(String...)}): each stored reply becomes an
 * {@link AsyncResult} exactly as a live reply does (values decoded, output, engines, metadata, errors as
 * {@link RemoteError}); a request still pending is completed by a {@link ResultPoller} once the hub has it.
 */
final class HubResults {

	private final HubQueries hub;

	private final ResultPoller poller;

	private final ViewSupport support;

	/** How long a msg id the hub does not know yet is asked for again before it counts as unknown. */
	static final java.time.Duration RECORDING_GRACE = java.time.Duration.ofSeconds(10);

	private final java.time.Duration recordingGrace;

	HubResults(HubQueries hub, ResultPoller poller, ViewSupport support) {
		this(hub, poller, support, RECORDING_GRACE);
	}

	HubResults(HubQueries hub, ResultPoller poller, ViewSupport support, java.time.Duration recordingGrace) {
		this.recordingGrace = recordingGrace;
		this.hub = hub;
		this.poller = poller;
		this.support = support;
	}

	/** One request's result: its value, or a list of values for a broadcast's several engines. */
	AsyncResult<Object> one(String msgId) {
		List<Submission> submissions = submissions(List.of(msgId));
		return new AsyncResult<>(submissions, submissions.size() == 1, decoder(),
				values -> (values.size() == 1) ? values.get(0) : Collections.unmodifiableList(values), this.support::stop);
	}

	/** Several requests' results, one value per reply (a broadcast's one per engine), in the order asked. */
	AsyncResult<List<Object>> many(Collection<String> msgIds) {
		return new AsyncResult<>(submissions(msgIds), false, decoder(), Collections::unmodifiableList,
				this.support::stop);
	}

	/**
	 * Asks the hub, and again every 200 ms for up to the recording grace while the answer still lacks
	 * records: the hub records traffic a moment after it passes, so a request sent just now may not be
	 * there yet.
	 */
	<T> T askUntilRecorded(java.util.function.Supplier<T> ask, java.util.function.Predicate<T> allRecorded) {
		T answer = ask.get();
		long deadline = System.nanoTime() + this.recordingGrace.toNanos();
		while (!allRecorded.test(answer) && System.nanoTime() - deadline < 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
			answer = ask.get();
		}
		return answer;
	}

	private List<Submission> submissions(Collection<String> msgIds) {
		List<String> ids = List.copyOf(new LinkedHashSet<>(msgIds));
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("getResult needs at least one msg id");
		}
		StoredReplies stored = askUntilRecorded(() -> this.hub.getResult(ids), answer -> answer.unknown().isEmpty());
		if (!stored.unknown().isEmpty()) {
			throw new IllegalArgumentException("The hub has no record of " + stored.unknown()
					+ " after " + this.recordingGrace.toSeconds() + " s (never sent to this cluster, or purged)");
		}
		if (!stored.missing().isEmpty()) {
			throw new JParallelException("The hub recorded " + stored.missing() + " as answered but kept no reply");
		}
		List<Submission> submissions = new ArrayList<>();
		for (String msgId : ids) {
			List<Message> replies = stored.found().get(msgId);
			if (replies != null) {
				for (Message reply : replies) {
					Instant submitted = (reply.parentHeader() != null) ? reply.parentHeader().date() : reply.header().date();
					submissions.add(new Submission(msgId, submitted, AsyncResult.engineId(reply, -1),
							CompletableFuture.completedFuture(reply)));
				}
				continue;
			}
			int count = stored.pending().getOrDefault(msgId, 1);
			List<CompletableFuture<Message>> waiting = new ArrayList<>(count);
			Instant now = Instant.now();
			for (int i = 0; i < count; i++) {
				CompletableFuture<Message> reply = new CompletableFuture<>();
				waiting.add(reply);
				submissions.add(new Submission(msgId, now, -1, reply));
			}
			this.poller.watch(msgId, waiting);
		}
		return submissions;
	}

	/** A stored reply's value, as the view that sent the request reads it. */
	AsyncResult.ReplyDecoder decoder() {
		return reply -> switch (reply.msgType()) {
			case MessageType.APPLY_REPLY -> this.support.value.decode(reply);
			case MessageType.EXECUTE_REPLY -> this.support.display.decode(reply);
			case MessageType.PULL_REPLY -> (reply.buffers().size() == 1) ? this.support.value.decode(reply)
					: this.support.values.decode(reply);
			default -> reply.buffers().isEmpty() ? null : this.support.values.decode(reply);
		};
	}

}
