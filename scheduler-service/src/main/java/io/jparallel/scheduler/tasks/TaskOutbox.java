package io.jparallel.scheduler.tasks;

import java.util.List;

import io.jparallel.protocol.Message;

/** Where the task scheduler's decisions go: to engines and to clients. */
interface TaskOutbox {

	/** Queues tasks (signed bytes, in order) on an engine's MUX queue. */
	void place(String engineUuid, List<byte[]> encoded);

	/** A reply of the scheduler's own (an error, an abort or queue status reply) to a client session. */
	void reply(String session, Message reply);

	/** An engine's signed reply, unchanged, to the client session that waits for it. */
	void forward(String session, byte[] encodedReply);

	/** A control request of the scheduler's own to an engine's control queue. */
	void control(String engineUuid, Message request);

}
