package io.jparallel.hub.audit;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** The audit's task records. */
public interface TaskRepository extends JpaRepository<TaskRecord, String> {

	/** The most recently recorded tasks, newest first. */
	List<TaskRecord> findAllByOrderByRecordedAtDescMsgIdAsc(Limit limit);

}
