package io.jparallel.hub.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit's tasks counted by status in one query: {@code ok}, {@code error} (or whatever status a
 * reply gave), and {@code pending} for those not answered yet. Read-only; the audit owns the records.
 */
@Component
public class TaskCounts {

	/** The key of tasks with no reply yet. */
	public static final String PENDING = "pending";

	private static final String BY_STATUS = "select t.status, count(t) from TaskRecord t group by t.status";

	private final EntityManager entityManager;

	public TaskCounts(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** Tasks by status, keys sorted. */
	@Transactional(readOnly = true)
	public Map<String, Long> byStatus() {
		List<Object[]> rows = this.entityManager.createQuery(BY_STATUS, Object[].class).getResultList();
		Map<String, Long> counts = new TreeMap<>();
		for (Object[] row : rows) {
			String status = (row[0] != null) ? row[0].toString() : PENDING;
			counts.merge(status, ((Number) row[1]).longValue(), Long::sum);
		}
		return counts;
	}

}
