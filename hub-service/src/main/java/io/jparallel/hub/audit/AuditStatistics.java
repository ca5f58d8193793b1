package io.jparallel.hub.audit;

/**
 * Counts the audit for {@code /actuator/jparallel}: what it holds (one aggregate query over the tasks
 * table) and what it did since the hub started.
 */
public class AuditStatistics {

	private final TaskRepository tasks;

	private final AuditListener listener;

	private final AuditRetention retention;

	AuditStatistics(TaskRepository tasks, AuditListener listener, AuditRetention retention) {
		this.tasks = tasks;
		this.listener = listener;
		this.retention = retention;
	}

	/** The audit's figures now. */
	public AuditStats current() {
		StoredTotals totals = this.tasks.totals();
		RetentionCaps caps = this.retention.caps();
		return new AuditStats(totals.records(), totals.pending(), totals.bytes(), caps.maxRecords(), caps.maxBytes(),
				this.retention.culledRecords(), this.retention.culledBytes(), this.listener.audited(),
				this.listener.skipped(), this.listener.dropped(), this.listener.requeued(), this.listener.batches(),
				this.listener.incompleteChunkedMessages());
	}

}
