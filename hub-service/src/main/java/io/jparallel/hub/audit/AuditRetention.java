package io.jparallel.hub.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the audit under its caps ({@code jparallel.audit.retention.*}): every interval, while there are
 * more records or more bytes of requests and replies than allowed, the oldest answered records are
 * deleted, a page per transaction. Pending records are never deleted. Logs what it deleted.
 */
public class AuditRetention implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AuditRetention.class);

	/** Records looked at, and at most deleted, per transaction. */
	static final int PAGE = 1000;

	private final TaskRepository tasks;

	private final TransactionTemplate transactions;

	private final RetentionCaps caps;

	private final Duration interval;

	private final AtomicLong culledRecords = new AtomicLong();

	private final AtomicLong culledBytes = new AtomicLong();

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean warnedOnlyPending;

	AuditRetention(TaskRepository tasks, PlatformTransactionManager transactionManager, RetentionCaps caps,
			Duration interval) {
		this.tasks = tasks;
		this.transactions = new TransactionTemplate(transactionManager);
		this.caps = caps;
		this.interval = interval;
	}

	/**
	 * Deletes the oldest answered records until under both caps (or only pending ones are left).
	 * @return what it deleted
	 */
	public Culled cull() {
		StoredTotals totals = this.tasks.totals();
		long records = totals.records();
		long bytes = totals.bytes();
		if (!this.caps.exceeded(records, bytes)) {
			this.warnedOnlyPending = false;
			return Culled.NOTHING;
		}
		Culled culled = Culled.NOTHING;
		while (this.caps.exceeded(records, bytes)) {
			List<StoredSize> oldest = this.tasks.findOldestCompleted(Limit.of(PAGE));
			int count = this.caps.toDelete(records, bytes, oldest);
			if (count == 0) {
				warnOnlyPending(records, bytes);
				break;
			}
			List<StoredSize> deleted = oldest.subList(0, count);
			this.transactions.executeWithoutResult(
					status -> this.tasks.deleteAllByIdInBatch(deleted.stream().map(StoredSize::id).toList()));
			long deletedBytes = deleted.stream().mapToLong(StoredSize::bytes).sum();
			records -= count;
			bytes -= deletedBytes;
			culled = culled.plus(count, deletedBytes, deleted.get(0).recordedAt(), deleted.get(count - 1).recordedAt());
		}
		if (culled.records() > 0) {
			this.culledRecords.addAndGet(culled.records());
			this.culledBytes.addAndGet(culled.bytes());
			logger.info("Audit retention deleted the " + culled.records() + " oldest answered task records ("
					+ mib(culled.bytes()) + " of requests and replies, recorded " + culled.from() + " to " + culled.to()
					+ "); " + records + " records (" + mib(bytes) + ") kept, caps " + this.caps.maxRecords()
					+ " records and " + mib(this.caps.maxBytes()));
		}
		return culled;
	}

	private void warnOnlyPending(long records, long bytes) {
		if (!this.warnedOnlyPending) {
			this.warnedOnlyPending = true;
			logger.warn("The audit holds " + records + " task records (" + mib(bytes) + "), over its caps of "
					+ this.caps.maxRecords() + " records and " + mib(this.caps.maxBytes())
					+ ", but only pending ones are left and those are kept");
		}
	}

	private static String mib(long bytes) {
		return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
	}

	/** Records deleted since the hub started. */
	public long culledRecords() {
		return this.culledRecords.get();
	}

	/** Bytes of requests and replies deleted since the hub started. */
	public long culledBytes() {
		return this.culledBytes.get();
	}

	RetentionCaps caps() {
		return this.caps;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "hub-audit-retention");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::cullQuietly, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void cullQuietly() {
		try {
			cull();
		}
		catch (RuntimeException ex) {
			logger.warn("Audit retention failed, trying again in " + this.interval.toSeconds() + " s: " + ex.getMessage(),
					ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * What one pass deleted.
	 *
	 * @param records records deleted
	 * @param bytes bytes of requests and replies they held
	 * @param from when the oldest was recorded
	 * @param to when the newest was recorded
	 */
	public record Culled(long records, long bytes, Instant from, Instant to) {

		static final Culled NOTHING = new Culled(0, 0, null, null);

		Culled plus(long records, long bytes, Instant from, Instant to) {
			return new Culled(this.records + records, this.bytes + bytes, (this.from != null) ? this.from : from, to);
		}

	}

}
