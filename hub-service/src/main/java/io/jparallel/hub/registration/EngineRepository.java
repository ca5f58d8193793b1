package io.jparallel.hub.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Engines the hub ever registered. */
public interface EngineRepository extends JpaRepository<EngineRecord, Integer> {

	Optional<EngineRecord> findByUuid(String uuid);

	/** The highest id ever given out, or {@code null} before the first registration. */
	@Query("select max(e.id) from EngineRecord e")
	Integer findMaxId();

	List<EngineRecord> findByStateOrderByIdAsc(EngineState state);

	List<EngineRecord> findAllByOrderByIdAsc();

	long countByState(EngineState state);

	@Modifying
	@Query("update EngineRecord e set e.lastHeartbeat = :at where e.id = :id and e.state = :state"
			+ " and (e.lastHeartbeat is null or e.lastHeartbeat < :at)")
	int updateLastHeartbeat(@Param("id") int id, @Param("at") Instant at, @Param("state") EngineState state);

}
