package io.jparallel.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

/**
 * The client side of the {@code recovery} flag: when a task has finally failed, runs its recovery task,
 * then submits the task once more, and ends the task's reply with that last attempt's (or with the
 * recovery's failure). Knows, for each task in recovery, which request stands for it now.
 */
final class TaskRecovery {

	/** Failures that running the task again cannot mend: it never ran, or was stopped on purpose. */
	private static final Set<String> NOT_RECOVERABLE = Set.of(MetadataKeys.TASK_ABORTED,
			MetadataKeys.IMPOSSIBLE_DEPENDENCY, MetadataKeys.DEPENDENCY_TIMEOUT, MetadataKeys.TASK_TIMEOUT,
			"io.jparallel.UnplaceableRequestError");

	private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

	private final Executor executor;

	TaskRecovery() {
		this(ForkJoinPool.commonPool());
	}

	/** @param executor runs the steps of a recovery, off the thread that delivers replies */
	TaskRecovery(Executor executor) {
		this.executor = executor;
	}

	/**
	 * The submission standing for {@code first} and its recovery: its reply is the last attempt's.
	 * @param recovery submits the recovery task
	 * @param resubmit submits the task once more
	 */
	Submission watch(Submission first, Supplier<Submission> recovery, Supplier<Submission> resubmit) {
		String msgId = first.msgId();
		CompletableFuture<Message> last = new CompletableFuture<>();
		first.reply().whenComplete((reply, error) -> {
			if (error != null || !needsRecovery(reply)) {
				finish(msgId, last, reply, error);
				return;
			}
			this.attempts.put(msgId, new Attempt(null, true));
			this.executor.execute(() -> recover(msgId, last, recovery, resubmit));
		});
		return new Submission(msgId, first.submitted(), first.target(), last);
	}

	private void recover(String msgId, CompletableFuture<Message> last, Supplier<Submission> recovery,
			Supplier<Submission> resubmit) {
		Submission recovering = start(msgId, recovery, true, last);
		if (recovering == null) {
			return;
		}
		recovering.reply().whenCompleteAsync((recoveryReply, recoveryError) -> {
			if (recoveryError != null || !succeeded(recoveryReply)) {
				finish(msgId, last, recoveryReply, recoveryError);
				return;
			}
			Submission again = start(msgId, resubmit, false, last);
			if (again == null) {
				return;
			}
			again.reply().whenComplete((reply, error) -> finish(msgId, last, reply, error));
		}, this.executor);
	}

	/** Sends a step; if it cannot be sent, ends the task with why, and gives {@code null}. */
	private Submission start(String msgId, Supplier<Submission> step, boolean recovering,
			CompletableFuture<Message> last) {
		try {
			Submission submission = step.get();
			this.attempts.put(msgId, new Attempt(submission.msgId(), recovering));
			return submission;
		}
		catch (RuntimeException ex) {
			finish(msgId, last, null, new JParallelException("Task " + msgId + " failed, and "
					+ (recovering ? "its recovery task" : "its last attempt") + " could not be sent: " + ex.getMessage(),
					ex));
			return null;
		}
	}

	private void finish(String msgId, CompletableFuture<Message> last, Message reply, Throwable error) {
		this.attempts.remove(msgId);
		if (error != null) {
			last.completeExceptionally(error);
		}
		else {
			last.complete(reply);
		}
	}

	/** Where the task first sent as {@code msgId} is in its recovery, or {@code null} if it is not in one. */
	Attempt attempt(String msgId) {
		return this.attempts.get(msgId);
	}

	/** The id of the request that stands for {@code msgId} now: its recovery's or its resubmission's, or itself. */
	String currentId(String msgId) {
		Attempt attempt = this.attempts.get(msgId);
		return (attempt != null && attempt.msgId() != null) ? attempt.msgId() : msgId;
	}

	static boolean needsRecovery(Message reply) {
		return !succeeded(reply) && !NOT_RECOVERABLE.contains(reply.content(MetadataKeys.ENAME));
	}

	private static boolean succeeded(Message reply) {
		return MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS));
	}

	/**
	 * The request standing for a task in recovery.
	 *
	 * @param msgId its id, or {@code null} while it is being sent
	 * @param recovering whether it is the recovery task (else the task's last attempt)
	 */
	record Attempt(String msgId, boolean recovering) {
	}

}
