package io.jparallel.hub.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads, never writes, the audit's records of some requests (every engine's record of a broadcast), only
 * the fields an abort needs.
 */
@Component
public class RecordedTasks {

	private static final String PENDING = "pending";

	private static final String BY_MSG_ID = "select t.msgId, t.queue, t.target, t.engineId, t.status"
			+ " from TaskRecord t where t.msgId in :msgIds";

	private static final int IN_LIMIT = 500;

	private final EntityManager entityManager;

	public RecordedTasks(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Transactional(readOnly = true)
	public List<RecordedTask> find(Collection<String> msgIds) {
		List<String> ids = List.copyOf(msgIds);
		List<RecordedTask> found = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IN_LIMIT) {
			List<String> slice = ids.subList(from, Math.min(ids.size(), from + IN_LIMIT));
			for (Object[] row : this.entityManager.createQuery(BY_MSG_ID, Object[].class)
				.setParameter("msgIds", slice)
				.getResultList()) {
				String status = (String) row[4];
				found.add(new RecordedTask((String) row[0], (String) row[1], (String) row[2], (Integer) row[3],
						status != null && !PENDING.equals(status)));
			}
		}
		return found;
	}

}
