package io.jparallel.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.jparallel.client.internal.Dispatcher;
import io.jparallel.client.internal.FinishedRequests;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.tasks.Dependencies;

/**
 * Turns a {@link Dependency} into its wire form: a request this client has the reply of is sent as
 * finished ({@code msgId:ok:<engine>} or {@code msgId:error:<engine>}), an unanswered load-balanced task
 * by its id (the scheduler knows it); an unanswered direct request cannot be depended on.
 */
final class DependencyResolver {

	private final Dispatcher dispatcher;

	private final TaskRecovery recovery;

	DependencyResolver(Dispatcher dispatcher, TaskRecovery recovery) {
		this.dispatcher = dispatcher;
		this.recovery = recovery;
	}

	/**
	 * @throws IllegalArgumentException if it depends on a direct request that has not finished, or on a
	 * task whose recovery task is running
	 */
	Dependencies resolve(Dependency dependency) {
		Set<Dependencies.Entry> entries = new LinkedHashSet<>();
		for (AsyncResult<?> result : dependency.results()) {
			for (Submission submission : result.submissions()) {
				entries.add(entry(submission));
			}
		}
		for (String msgId : dependency.msgIds()) {
			entries.add(entry(msgId));
		}
		return new Dependencies(List.copyOf(entries), dependency.requiresAll(), dependency.metBySuccess(),
				dependency.metByFailure());
	}

	private Dependencies.Entry entry(Submission submission) {
		CompletableFuture<Message> reply = submission.reply();
		if (reply.isDone()) {
			if (reply.isCompletedExceptionally()) {
				return Dependencies.Entry.finished(submission.msgId(), false, -1);
			}
			Message message = reply.join();
			return Dependencies.Entry.finished(submission.msgId(), succeeded(message),
					AsyncResult.engineId(message, submission.target()));
		}
		if (submission.target() >= 0) {
			throw unfinishedDirect(submission.msgId(), submission.target());
		}
		return pendingTask(submission.msgId());
	}

	private Dependencies.Entry entry(String msgId) {
		if (this.recovery.attempt(msgId) != null) {
			return pendingTask(msgId);
		}
		List<Integer> targets = this.dispatcher.pendingTargets(List.of(msgId)).get(msgId);
		if (targets != null) {
			for (int target : targets) {
				if (target >= 0) {
					throw unfinishedDirect(msgId, target);
				}
			}
			return Dependencies.Entry.pending(msgId);
		}
		Optional<FinishedRequests.Outcome> outcome = this.dispatcher.outcome(msgId);
		if (outcome.isPresent()) {
			return Dependencies.Entry.finished(msgId, outcome.get().succeeded(), outcome.get().engineId());
		}
		// not this client's, or too old to be remembered: the scheduler judges it
		return Dependencies.Entry.pending(msgId);
	}

	private Dependencies.Entry pendingTask(String msgId) {
		TaskRecovery.Attempt attempt = this.recovery.attempt(msgId);
		if (attempt == null) {
			return Dependencies.Entry.pending(msgId);
		}
		if (attempt.recovering() || attempt.msgId() == null) {
			throw new IllegalArgumentException("Cannot depend on task " + msgId
					+ " now: it failed and its recovery task is running, after which it is submitted again."
					+ " Wait for it first (ar.await()), then depend on it");
		}
		return Dependencies.Entry.pending(attempt.msgId());
	}

	private static IllegalArgumentException unfinishedDirect(String msgId, int engineId) {
		return new IllegalArgumentException("Cannot depend on request " + msgId + ": it is a direct request to engine "
				+ engineId + " that has not finished, and the scheduler only knows load-balanced tasks."
				+ " Wait for it first (ar.await()), or depend on a load-balanced task");
	}

	private static boolean succeeded(Message reply) {
		return MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS));
	}

}
