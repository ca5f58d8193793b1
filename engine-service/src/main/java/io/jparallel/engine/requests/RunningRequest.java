package io.jparallel.engine.requests;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jparallel.protocol.Message;

/**
 * A stoppable request (an {@code apply} or {@code execute}) from the moment the engine starts it until it
 * is answered: the work path waits here for its reply, and the control path may
 * {@linkplain #cancel(String) cancel} it, which ends that wait at once. Whichever comes first wins:
 * a request whose reply is in cannot be cancelled any more, and a cancelled request's late reply is
 * dropped.
 */
final class RunningRequest {

	private final String msgId;

	private final String msgType;

	private final CompletableFuture<Message> reply = new CompletableFuture<>();

	/** Claimed once, by the reply or by a cancel, before either completes {@link #reply}. */
	private final AtomicBoolean answered = new AtomicBoolean();

	private final ReplyDelivery delivery;

	RunningRequest(String msgId, String msgType) {
		this(msgId, msgType, ReplyDelivery.NONE);
	}

	/**
	 * @param delivery sends the reply where it goes, from the thread that produced it, before the work
	 * path's wait ends (so the reply does not wait for that thread to wake up)
	 */
	RunningRequest(String msgId, String msgType, ReplyDelivery delivery) {
		this.msgId = msgId;
		this.msgType = msgType;
		this.delivery = delivery;
	}

	String msgId() {
		return this.msgId;
	}

	String msgType() {
		return this.msgType;
	}

	/**
	 * Cancels the request unless it is answered already.
	 * @param abortRequestId the id of the abort request, for the reply and the log
	 * @return whether it was cancelled by this call
	 */
	boolean cancel(String abortRequestId) {
		return this.answered.compareAndSet(false, true)
				&& this.reply.completeExceptionally(new RequestCancelledException(abortRequestId));
	}

	boolean isCancelled() {
		return this.reply.isCompletedExceptionally() && cause() instanceof RequestCancelledException;
	}

	/**
	 * Hands in the reply and delivers it (see {@link ReplyDelivery}); ignored if the request was cancelled
	 * meanwhile. A delivery that fails is left to the work path, which tries again once it has the reply.
	 */
	void complete(Message reply) {
		if (this.answered.compareAndSet(false, true)) {
			this.delivery.tryDeliver(reply);
			this.reply.complete(reply);
		}
	}

	/** Hands in what the work threw instead of a reply; ignored if the request was cancelled meanwhile. */
	void fail(Throwable failure) {
		if (this.answered.compareAndSet(false, true)) {
			this.reply.completeExceptionally(failure);
		}
	}

	/**
	 * Waits for the reply.
	 * @throws RequestCancelledException if the request was cancelled
	 * @throws ExecutionException with what the work threw, if it threw
	 */
	Message await() throws RequestCancelledException, ExecutionException, InterruptedException {
		try {
			return this.reply.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RequestCancelledException cancelled) {
				throw cancelled;
			}
			throw ex;
		}
	}

	private Throwable cause() {
		try {
			this.reply.getNow(null);
			return null;
		}
		catch (RuntimeException ex) {
			return ex.getCause();
		}
	}

}
