package io.jparallel.engine.notices;

import java.util.ArrayList;
import java.util.List;

import io.jparallel.protocol.Message;

/**
 * The scheduler-placed tasks of one delivery, as they are answered: {@link #toClient} says whether a
 * reply goes to the client (and notes the task's result) or went to the scheduler for a retry;
 * {@link #send()}, after the replies to clients are out, sends the delivery's {@code task_done}.
 */
public final class TaskDoneReport {

	private final SchedulerNotices notices;

	private final List<String> results = new ArrayList<>();

	private boolean any;

	TaskDoneReport(SchedulerNotices notices) {
		this.notices = notices;
	}

	/**
	 * Notes the reply to a request of the delivery.
	 * @param request the request
	 * @param reply its reply
	 * @param schedulerPlaced whether the request is a scheduler-placed task (see
	 * {@link SchedulerNotices#isSchedulerPlaced})
	 * @return whether the reply goes to the client; if not, it was sent to the scheduler for a retry
	 */
	public boolean toClient(Message request, Message reply, boolean schedulerPlaced) {
		if (!schedulerPlaced) {
			return true;
		}
		this.any = true;
		if (SchedulerNotices.isForRetry(request, reply) && this.notices.sendForRetry(reply)) {
			return false;
		}
		this.results.add(SchedulerNotices.result(reply));
		return true;
	}

	/** The {@code results} so far. */
	public List<String> results() {
		return List.copyOf(this.results);
	}

	/** Sends {@code task_done}, if the delivery held any scheduler-placed task. */
	public void send() {
		if (this.any) {
			this.notices.sendTaskDone(this.results);
		}
	}

}
