package io.jparallel.scheduler.tasks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.jparallel.protocol.Header;

/**
 * One load-balanced task the scheduler holds: the client's signed bytes (the request, or its chunks in
 * order), its header (what the client waits for a reply to), its flags, and where it is.
 */
public final class Task {

	enum State {
		/** Waiting for its dependencies. */
		WAITING,
		/** Dependencies met, waiting for an engine with room. */
		READY,
		/** Given to an engine. */
		ASSIGNED,
		/** Finished, failed or aborted. */
		DONE
	}

	private final Header header;

	private final TaskFlags flags;

	private List<byte[]> parts;

	private final long submittedNanos;

	private final Set<Integer> failedOn = new HashSet<>(2);

	private int retriesLeft;

	private State state = State.WAITING;

	private int engineId = -1;

	/** Releases the deliveries that brought it, once it is placed on an engine or has ended here. */
	private List<Runnable> receipts = List.of();

	/** Where its follow dependencies let it run, or {@code null} for anywhere; set when it becomes ready. */
	private Set<Integer> location;

	Task(Header header, TaskFlags flags, List<byte[]> parts, long submittedNanos) {
		this.header = header;
		this.flags = flags;
		this.parts = List.copyOf(parts);
		this.submittedNanos = submittedNanos;
		this.retriesLeft = flags.retries();
	}

	String msgId() {
		return this.header.msgId();
	}

	/** What to run once the task is safe (placed or ended): acknowledging the deliveries it came in. */
	public Task withReceipts(List<Runnable> releases) {
		this.receipts = List.copyOf(releases);
		return this;
	}

	/** Whether the deliveries it came in are still unacknowledged (it is not safely placed or ended yet). */
	boolean holdsReceipts() {
		return !this.receipts.isEmpty();
	}

	/** Releases the deliveries it came in; later calls do nothing. */
	void releaseReceipts() {
		List<Runnable> pending = this.receipts;
		this.receipts = List.of();
		pending.forEach(Runnable::run);
	}

	String session() {
		return this.header.session();
	}

	Header header() {
		return this.header;
	}

	TaskFlags flags() {
		return this.flags;
	}

	List<byte[]> parts() {
		return this.parts;
	}

	/** Forgets the request's bytes once they cannot be needed again (placed, and no retries left). */
	void dropParts() {
		this.parts = null;
	}

	boolean hasParts() {
		return this.parts != null;
	}

	/** When its timeout passes (nanoTime), or {@code Long.MAX_VALUE}. */
	long deadlineNanos() {
		return (this.flags.timeout() != null) ? this.submittedNanos + this.flags.timeout().toNanos() : Long.MAX_VALUE;
	}

	Set<Integer> failedOn() {
		return this.failedOn;
	}

	int retriesLeft() {
		return this.retriesLeft;
	}

	/** Uses up one retry after a failure on {@code engineId}. */
	void retryAfterFailureOn(int engineId) {
		this.retriesLeft--;
		this.failedOn.add(engineId);
		this.engineId = -1;
		this.state = State.READY;
	}

	State state() {
		return this.state;
	}

	void state(State state) {
		this.state = state;
	}

	int engineId() {
		return this.engineId;
	}

	void assignedTo(int engineId) {
		this.engineId = engineId;
		this.state = State.ASSIGNED;
	}

	Set<Integer> location() {
		return this.location;
	}

	void location(Set<Integer> location) {
		this.location = location;
	}

	String describe() {
		String label = this.flags.label();
		return this.header.msgType() + " " + msgId() + ((label != null) ? " [" + label + "]" : "");
	}

}
