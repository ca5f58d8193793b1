package io.jparallel.hub.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;

import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Consumes the audit queue in batches: verifies each message (rejections are counted by the cluster
 * connection's inbound gate) and writes the batch in one transaction. A batch that cannot be written is
 * logged and dropped, never redelivered forever.
 */
public final class AuditListener implements BatchMessageListener {

	private static final Log logger = LogFactory.getLog(AuditListener.class);

	private final ClusterConnection cluster;

	private final AuditWriter writer;

	private final AtomicLong audited = new AtomicLong();

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	public AuditListener(ClusterConnection cluster, AuditWriter writer) {
		this.cluster = cluster;
		this.writer = writer;
	}

	@Override
	public void onMessageBatch(List<Message> messages) {
		String source = this.cluster.topology().hubAuditQueue();
		List<AuditedMessage> batch = new ArrayList<>(messages.size());
		for (Message amqp : messages) {
			for (Accepted accepted : this.cluster.inbound().acceptAll(amqp.getBody(), source)) {
				batch.add(new AuditedMessage(accepted.message(), accepted.encoded().length));
			}
		}
		try {
			this.writer.write(batch);
			this.audited.addAndGet(batch.size());
			this.batches.incrementAndGet();
		}
		catch (RuntimeException ex) {
			long total = this.dropped.addAndGet(batch.size());
			logger.error("Cannot record " + batch.size() + " audited messages (" + total + " dropped so far): "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void onMessage(Message message) {
		onMessageBatch(List.of(message));
	}

	/** Messages recorded. */
	public long audited() {
		return this.audited.get();
	}

	/** Batches written. */
	public long batches() {
		return this.batches.get();
	}

	/** Verified messages that could not be written. */
	public long dropped() {
		return this.dropped.get();
	}

}
