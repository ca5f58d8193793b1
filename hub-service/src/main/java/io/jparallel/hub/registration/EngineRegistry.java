package io.jparallel.hub.registration;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The book of engines. Ids count from 0 and are never reused: a new engine gets one more than the highest
 * id ever given out, and an engine registering again with its uuid gets its old id back.
 * <p>
 * Changes are serialized by a lock held around the whole transaction (not inside it), so two engines
 * registering at once can never read the same highest id.
 */
@Component
public class EngineRegistry {

	private final EngineRepository engines;

	private final TransactionTemplate transactions;

	private final Object lock = new Object();

	public EngineRegistry(EngineRepository engines, PlatformTransactionManager transactionManager) {
		this.engines = engines;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Registers an engine that published no properties; see {@link #register(String, String, Long, Map, Instant)}. */
	public Engine register(String uuid, String hostname, Long pid, Instant now) {
		return register(uuid, hostname, pid, Map.of(), now);
	}

	/**
	 * Registers an engine, or registers it again under its old id.
	 * @param uuid the engine's uuid
	 * @param hostname where it runs, or {@code null}
	 * @param pid its process id, or {@code null}
	 * @param properties the properties it publishes
	 * @param now the time of registration
	 * @return the registered engine
	 */
	public Engine register(String uuid, String hostname, Long pid, Map<String, String> properties, Instant now) {
		if (uuid == null || uuid.isBlank() || uuid.length() > 128) {
			throw new IllegalArgumentException("An engine uuid must have 1-128 characters, was '" + uuid + "'");
		}
		synchronized (this.lock) {
			return this.transactions.execute(status -> {
				EngineRecord record = this.engines.findByUuid(uuid).orElseGet(() -> {
					Integer max = this.engines.findMaxId();
					return new EngineRecord((max != null) ? max + 1 : 0, uuid);
				});
				record.registered(hostname, pid, properties, now);
				return this.engines.saveAndFlush(record).toEngine();
			});
		}
	}

	/**
	 * Marks a registered engine as gone.
	 * @param uuid the engine's uuid
	 * @param state {@link EngineState#UNREGISTERED} or {@link EngineState#DEAD}
	 * @param registeredAt if not {@code null}, only if the engine has not registered again since then
	 * @param now when it left
	 * @return the engine, if it was registered and is now gone
	 */
	public Optional<Engine> markGone(String uuid, EngineState state, Instant registeredAt, Instant now) {
		if (state == EngineState.REGISTERED) {
			throw new IllegalArgumentException("An engine leaves as UNREGISTERED or DEAD, not " + state);
		}
		synchronized (this.lock) {
			return this.transactions.execute(status -> {
				Optional<EngineRecord> found = this.engines.findByUuid(uuid)
					.filter(record -> record.getState() == EngineState.REGISTERED)
					.filter(record -> registeredAt == null || sameRegistration(registeredAt, record.getRegisteredAt()));
				found.ifPresent(record -> record.left(state, now));
				return found.map(EngineRecord::toEngine);
			});
		}
	}

	/**
	 * Whether two registration times are the same registration. The one kept in memory since the engine
	 * registered has nanoseconds; the database keeps microseconds (H2, PostgreSQL): compared exactly, a
	 * dead engine read back from the database never matched, and was never declared dead.
	 */
	static boolean sameRegistration(Instant remembered, Instant stored) {
		return stored != null && remembered.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
			.equals(stored.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	/**
	 * Records a registered engine's new properties.
	 * @param uuid the engine's uuid
	 * @param properties the whole new map
	 * @return the engine with them, if it is registered
	 */
	public Optional<Engine> changeProperties(String uuid, Map<String, String> properties) {
		synchronized (this.lock) {
			return this.transactions.execute(status -> {
				Optional<EngineRecord> found = this.engines.findByUuid(uuid)
					.filter(record -> record.getState() == EngineState.REGISTERED);
				found.ifPresent(record -> record.propertiesChanged(properties));
				return found.map(EngineRecord::toEngine);
			});
		}
	}

	/** Writes the latest heartbeat of each engine, by id, in one transaction. */
	public void recordHeartbeats(Map<Integer, Instant> lastHeartbeats) {
		if (lastHeartbeats.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> lastHeartbeats
			.forEach((id, at) -> this.engines.updateLastHeartbeat(id, at, EngineState.REGISTERED)));
	}

	/** Registered engines, by id. */
	public List<Engine> registered() {
		return this.engines.findByStateOrderByIdAsc(EngineState.REGISTERED).stream().map(EngineRecord::toEngine).toList();
	}

	/** Every engine ever registered, by id. */
	public List<Engine> all() {
		return this.engines.findAllByOrderByIdAsc().stream().map(EngineRecord::toEngine).toList();
	}

	public Optional<Engine> findByUuid(String uuid) {
		return this.engines.findByUuid(uuid).map(EngineRecord::toEngine);
	}

	public Map<EngineState, Long> countByState() {
		Map<EngineState, Long> counts = new EnumMap<>(EngineState.class);
		for (EngineState state : EngineState.values()) {
			counts.put(state, this.engines.countByState(state));
		}
		return counts;
	}

}
