package io.jparallel.hub.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of audited messages in one transaction: one query loads the records the batch touches,
 * new ones are inserted in JDBC batches, changed ones updated.
 */
@Component
public class AuditWriter {

	private final TaskRepository tasks;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public AuditWriter(TaskRepository tasks, PlatformTransactionManager transactionManager, Clock clock) {
		this.tasks = tasks;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Records a batch, in order.
	 * @return how many task records were created or changed
	 */
	public int write(List<AuditedMessage> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		Integer written = this.transactions.execute(status -> {
			Set<String> ids = new LinkedHashSet<>();
			for (AuditedMessage audited : batch) {
				ids.add(audited.taskId());
			}
			Map<String, TaskRecord> records = new HashMap<>();
			for (TaskRecord record : this.tasks.findAllById(ids)) {
				records.put(record.getMsgId(), record);
			}
			Instant now = this.clock.instant();
			List<TaskRecord> created = new ArrayList<>();
			for (AuditedMessage audited : batch) {
				TaskRecord record = records.computeIfAbsent(audited.taskId(), id -> {
					TaskRecord fresh = TaskRecord.of(id, now);
					created.add(fresh);
					return fresh;
				});
				if (audited.isReply()) {
					record.reply(audited.message(), audited.bytes());
				}
				else {
					record.request(audited.message(), audited.bytes());
				}
			}
			this.tasks.saveAll(created);
			return records.size();
		});
		return (written != null) ? written : 0;
	}

}
