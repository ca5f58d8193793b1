package io.jparallel.engine.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Which requests this engine has answered, which one it is running, and which it was told not to run,
 * by msg id: the work path asks it before running a request ({@link #start(String)}) and tells it when
 * the request is done ({@link #finish(String)}); the control path aborts requests
 * ({@link #abort(String, Collection, boolean)}), and may cancel the one running if it is stoppable. Both
 * memories are bounded, the oldest ids forgotten first. Also counts the {@code execute_request}s the
 * engine has run.
 */
@Component
public class RequestLedger {

	/** Ids remembered of each kind by default. */
	public static final int DEFAULT_CAPACITY = 100_000;

	/** Aborted, not yet reached: msg id to the id of the abort request that named it. */
	private final Map<String, String> aborted;

	/** Answered (ran, or answered as aborted), most recent last. */
	private final Map<String, Boolean> answered;

	private String running;

	/** The running request, if it can be cancelled while it runs. */
	private RunningRequest stoppable;

	private final AtomicLong executions = new AtomicLong();

	public RequestLedger() {
		this(DEFAULT_CAPACITY);
	}

	RequestLedger(int capacity) {
		this.aborted = bounded(capacity);
		this.answered = bounded(capacity);
	}

	private static <V> Map<String, V> bounded(int capacity) {
		return new LinkedHashMap<>(1024, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Marks a request as running, unless it was aborted.
	 * @return {@code null} if it may run, else the id of the abort request that named it
	 */
	public String start(String msgId) {
		return start(msgId, null);
	}

	/**
	 * Marks a request as running, unless it was aborted.
	 * @param msgId the request's id
	 * @param stoppable the request, if an abort with {@code cancel} may stop it while it runs
	 * @return {@code null} if it may run, else the id of the abort request that named it
	 */
	synchronized String start(String msgId, RunningRequest stoppable) {
		String abortedBy = this.aborted.remove(msgId);
		if (abortedBy == null) {
			this.running = msgId;
			this.stoppable = stoppable;
		}
		return abortedBy;
	}

	/** Remembers that a request was answered. */
	public synchronized void finish(String msgId) {
		if (msgId.equals(this.running)) {
			this.running = null;
			this.stoppable = null;
		}
		this.answered.put(msgId, Boolean.TRUE);
	}

	/**
	 * Aborts the requests named that have not started: they will be answered with a {@code TaskAborted}
	 * error when the engine reaches them.
	 * @param abortRequestId the id of the abort request, for the error message
	 * @param msgIds the requests to abort
	 */
	public Abort abort(String abortRequestId, Collection<String> msgIds) {
		return abort(abortRequestId, msgIds, false);
	}

	/**
	 * Aborts the requests named that have not started, as {@link #abort(String, Collection)}, and with
	 * {@code cancelRunning} also the one running, if it is one of them and can be stopped (an
	 * {@code apply} or {@code execute} not answered yet): its wait ends at once and it is answered with a
	 * {@code TaskAborted} error.
	 * @param abortRequestId the id of the abort request, for the error message
	 * @param msgIds the requests to abort
	 * @param cancelRunning whether to stop the named request if it is running
	 */
	public synchronized Abort abort(String abortRequestId, Collection<String> msgIds, boolean cancelRunning) {
		List<String> willNotRun = new ArrayList<>();
		List<String> alreadyDone = new ArrayList<>();
		List<String> cancelled = new ArrayList<>();
		for (String msgId : msgIds) {
			if (msgId.equals(this.running) && !this.answered.containsKey(msgId)) {
				if (cancelRunning && this.stoppable != null && this.stoppable.cancel(abortRequestId)) {
					willNotRun.add(msgId);
					cancelled.add(msgId);
				}
				else {
					alreadyDone.add(msgId);
				}
			}
			else if (this.answered.containsKey(msgId)) {
				alreadyDone.add(msgId);
			}
			else {
				this.aborted.putIfAbsent(msgId, abortRequestId);
				willNotRun.add(msgId);
			}
		}
		return new Abort(willNotRun, alreadyDone, cancelled);
	}

	/** The id of the request running now, or {@code null}. */
	public synchronized String running() {
		return this.running;
	}

	/** Counts an {@code execute_request} about to run, and returns the new count. */
	public long countExecution() {
		return this.executions.incrementAndGet();
	}

	/** How many {@code execute_request}s the engine has run. */
	public long executions() {
		return this.executions.get();
	}

	/** How many aborted requests the engine has not reached yet. */
	public synchronized int pendingAborts() {
		return this.aborted.size();
	}

	/**
	 * What an abort did.
	 *
	 * @param aborted the requests that will not run, or not to the end (those cancelled)
	 * @param alreadyDone the requests already answered or running, which the abort cannot stop
	 * @param cancelled those of {@code aborted} that were running and were stopped
	 */
	public record Abort(List<String> aborted, List<String> alreadyDone, List<String> cancelled) {

		public Abort {
			aborted = List.copyOf(aborted);
			alreadyDone = List.copyOf(alreadyDone);
			cancelled = List.copyOf(cancelled);
		}

	}

}
