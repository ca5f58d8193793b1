package io.jparallel.hub.audit;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/**
 * The audit's task records, for reading (and for queries built as specifications on {@link TaskRecord}'s
 * property names). The audit writes them itself ({@link TaskTable}).
 */
public interface TaskRepository extends JpaRepository<TaskRecord, String>, JpaSpecificationExecutor<TaskRecord> {

	/** The most recently recorded tasks, newest first. */
	List<TaskRecord> findAllByOrderByRecordedAtDescMsgIdAsc(Limit limit);

	/** The records of one request: one, or one per engine of a broadcast. */
	List<TaskRecord> findByMsgIdOrderByIdAsc(String msgId);

	/** How many records, how many pending, and the bytes of requests and replies they hold. */
	@Query("select new io.jparallel.hub.audit.StoredTotals(count(t), coalesce(sum(t.requestSize), 0L)"
			+ " + coalesce(sum(t.resultSize), 0L), coalesce(sum(case when t.status = 'pending' then 1L else 0L end), 0L))"
			+ " from TaskRecord t")
	StoredTotals totals();

	/** The sizes of the oldest answered records, oldest first: what retention deletes first. */
	@Query("select new io.jparallel.hub.audit.StoredSize(t.id, t.requestSize, t.resultSize, t.recordedAt)"
			+ " from TaskRecord t where t.status <> 'pending' order by t.recordedAt, t.id")
	List<StoredSize> findOldestCompleted(Limit limit);

}
