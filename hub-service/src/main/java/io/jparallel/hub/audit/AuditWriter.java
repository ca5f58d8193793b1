package io.jparallel.hub.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of audited messages in one transaction: one query looks up the records the batch touches,
 * then new records are inserted and stored ones updated in JDBC batches. Returns once it committed.
 */
public class AuditWriter {

	private final TaskTable table;

	private final AuditPlanner planner = new AuditPlanner();

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final io.jparallel.hub.admin.TaskMetrics metrics;

	AuditWriter(TaskTable table, PlatformTransactionManager transactionManager, Clock clock) {
		this(table, transactionManager, clock, io.jparallel.hub.admin.TaskMetrics.NONE);
	}

	AuditWriter(TaskTable table, PlatformTransactionManager transactionManager, Clock clock,
			io.jparallel.hub.admin.TaskMetrics metrics) {
		this.table = table;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Records a batch, in order, and commits.
	 * @return what was written
	 */
	AuditPlan write(List<AuditedMessage> batch) {
		if (batch.isEmpty()) {
			return new AuditPlan(List.of(), List.of(), List.of(), List.of(), 0);
		}
		AuditPlan written = this.transactions.execute(status -> {
			AuditPlan plan = this.planner.plan(batch, this.table, this.clock.instant());
			this.table.apply(plan);
			return plan;
		});
		count(written);
		return written;
	}

	/** Feeds the task metrics: a request recorded is a task submitted, a reply recorded one completed. */
	private void count(AuditPlan plan) {
		java.time.Instant now = this.clock.instant();
		for (TaskRecord record : plan.inserts()) {
			if (record.hasRequest()) {
				submitted(record, now);
			}
			if (record.hasReply()) {
				completed(record, now);
			}
		}
		plan.requestUpdates().forEach(record -> submitted(record, now));
		plan.replyUpdates().forEach(record -> completed(record, now));
	}

	private void submitted(TaskRecord record, java.time.Instant now) {
		this.metrics.submitted((record.getSubmitted() != null) ? record.getSubmitted() : now);
	}

	/** The error's message: the record keeps {@code ename: evalue}. */
	private static String evalue(TaskRecord record) {
		String error = record.getError();
		String prefix = record.getEname() + ": ";
		return (error != null && record.getEname() != null && error.startsWith(prefix))
				? error.substring(prefix.length()) : error;
	}

	private void completed(TaskRecord record, java.time.Instant now) {
		java.time.Duration latency = (record.getSubmitted() != null && record.getCompleted() != null)
				? java.time.Duration.between(record.getSubmitted(), record.getCompleted()) : null;
		boolean ok = !"error".equals(record.getStatus());
		java.time.Instant completedAt = (record.getCompleted() != null) ? record.getCompleted() : now;
		this.metrics.completed(completedAt, latency, ok);
		if (!ok) {
			this.metrics.failed(new io.jparallel.hub.admin.FailedTask(record.getId(), record.getMsgType(),
					record.getEngineId(), record.getEname(), evalue(record), completedAt));
		}
	}

}
