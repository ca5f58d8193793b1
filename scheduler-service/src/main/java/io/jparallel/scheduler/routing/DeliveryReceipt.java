package io.jparallel.scheduler.routing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.rabbitmq.client.Channel;

/**
 * One delivery from the scheduler's request queue, acknowledged only when everything in it is safe: a
 * direct, broadcast or control request once it is published on, a load-balanced task once it is placed
 * on an engine (or has ended here). Until then the broker keeps it, so a scheduler that dies loses
 * nothing: its unacknowledged deliveries go to the next scheduler (a standby, or this one restarted).
 * Whoever holds part of the delivery gets a release of its own; the consumer holds one while it routes.
 */
public final class DeliveryReceipt {

	private static final Log logger = LogFactory.getLog(DeliveryReceipt.class);

	/** A receipt for a delivery that needs no acknowledgement (tests, auto-ack). */
	public static final DeliveryReceipt NONE = new DeliveryReceipt(null, 0);

	private final Channel channel;

	private final long deliveryTag;

	private final AtomicInteger holders = new AtomicInteger(1);

	public DeliveryReceipt(Channel channel, long deliveryTag) {
		this.channel = channel;
		this.deliveryTag = deliveryTag;
	}

	/** One more holder; the returned release may be run any number of times, it counts once. */
	public Runnable hold() {
		if (this.channel == null) {
			return () -> {
			};
		}
		this.holders.incrementAndGet();
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				release();
			}
		};
	}

	/** Releases the consumer's own hold, taken when the receipt was made. */
	public void release() {
		if (this.holders.decrementAndGet() == 0 && this.channel != null) {
			try {
				this.channel.basicAck(this.deliveryTag, false);
			}
			catch (IOException | RuntimeException ex) {
				// the channel closed: the broker gives the delivery to the next consumer, and copies are ignored
				logger.debug("Could not acknowledge delivery " + this.deliveryTag + ": " + ex.getMessage());
			}
		}
	}

}
