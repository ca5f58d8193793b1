package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.jparallel.hub.audit.TaskRecord;

/** Deletes finished task records ({@code purge_results_request}); pending ones are always kept. */
@Component
public class Purger {

	private static final Log logger = LogFactory.getLog(Purger.class);

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	public Purger(EntityManager entityManager, PlatformTransactionManager transactionManager) {
		this.entityManager = entityManager;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * What to purge: every finished record, or those of these requests and of these engines.
	 *
	 * @param all every finished record
	 * @param msgIds requests whose records go
	 * @param engineIds engines whose records go
	 */
	public record Target(boolean all, List<String> msgIds, List<Integer> engineIds) {

		public Target {
			msgIds = List.copyOf(msgIds);
			engineIds = List.copyOf(engineIds);
			if (!all && msgIds.isEmpty() && engineIds.isEmpty()) {
				throw new InvalidQueryException("purge_results needs msg_ids, engine_id or all=true");
			}
		}

		public static Target everything() {
			return new Target(true, List.of(), List.of());
		}

	}

	/** Deletes the finished records of {@code target}; how many. */
	public int purge(Target target) {
		int purged = 0;
		if (target.all()) {
			purged = delete(null, null);
		}
		else {
			for (int from = 0; from < target.msgIds().size(); from += StoredResults.BATCH) {
				purged += delete(target.msgIds().subList(from, Math.min(target.msgIds().size(), from + StoredResults.BATCH)),
						null);
			}
			if (!target.engineIds().isEmpty()) {
				purged += delete(null, target.engineIds());
			}
		}
		logger.info("Purged " + purged + " finished task record(s) ("
				+ (target.all() ? "all" : "msg ids " + target.msgIds().size() + ", engines " + target.engineIds()) + ")");
		return purged;
	}

	private int delete(List<String> msgIds, List<Integer> engineIds) {
		Integer deleted = this.transactions.execute(status -> {
			CriteriaBuilder cb = this.entityManager.getCriteriaBuilder();
			CriteriaDelete<TaskRecord> delete = cb.createCriteriaDelete(TaskRecord.class);
			Root<TaskRecord> root = delete.from(TaskRecord.class);
			List<Predicate> where = new ArrayList<>();
			where.add(cb.isNotNull(root.get("status")));
			where.add(cb.notEqual(root.get("status"), StoredResults.PENDING));
			if (msgIds != null) {
				where.add(root.get("msgId").in(msgIds));
			}
			if (engineIds != null) {
				where.add(root.get("engineId").in(engineIds));
			}
			delete.where(where.toArray(Predicate[]::new));
			return this.entityManager.createQuery(delete).executeUpdate();
		});
		return (deleted != null) ? deleted : 0;
	}

}
