package io.jparallel.engine.requests;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.Message;

/**
 * Sends one request's reply where it goes, at most once, from whichever thread has it first: the
 * runner thread that produced it (so the reply leaves while the consumer thread that waits for it is
 * still waking up), else the consumer thread (a cancel's {@code TaskAborted}, a reply built there, or a
 * delivery that failed on the runner and is tried again). Only a lone request of a delivery is
 * answered this way; the replies of a batch are gathered per client (see {@link ReplyBuffer}).
 */
final class ReplyDelivery {

	private static final Log logger = LogFactory.getLog(ReplyDelivery.class);

	/** Delivers nothing: the work path sends the reply itself. */
	static final ReplyDelivery NONE = new ReplyDelivery(null);

	private final Consumer<Message> send;

	private boolean delivered;

	ReplyDelivery(Consumer<Message> send) {
		this.send = send;
	}

	/**
	 * Sends the reply unless it was sent already.
	 * @throws RuntimeException what sending threw; the reply counts as not sent
	 */
	synchronized void deliver(Message reply) {
		if (this.send == null || this.delivered) {
			return;
		}
		this.send.accept(reply);
		this.delivered = true;
	}

	/** As {@link #deliver(Message)}, leaving a failure to the next call (the work path's). */
	void tryDeliver(Message reply) {
		try {
			deliver(reply);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send the reply from the runner thread (the consumer thread tries again): " + ex);
		}
	}

	synchronized boolean delivered() {
		return this.delivered;
	}

}
