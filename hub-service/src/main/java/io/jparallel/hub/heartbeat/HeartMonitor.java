package io.jparallel.hub.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who beat last when, in memory. Engines are tracked from their registration; one silent for longer than
 * the timeout {@linkplain #expire() expires} and is no longer tracked. Heartbeats are kept here and only
 * {@linkplain #drainHeartbeats() drained} now and then to the database, not written one by one.
 */
public final class HeartMonitor {

	private final Clock clock;

	private final Duration timeout;

	private final Map<String, MonitoredEngine> engines = new ConcurrentHashMap<>();

	private final Map<Integer, Instant> undrained = new ConcurrentHashMap<>();

	public HeartMonitor(Clock clock, Duration timeout) {
		Objects.requireNonNull(clock, "clock is required");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The heartbeat timeout must be positive, was " + timeout);
		}
		this.clock = clock;
		this.timeout = timeout;
	}

	/**
	 * Starts watching an engine, as if it had just beaten.
	 * @param id its id
	 * @param uuid its uuid
	 * @param registeredAt when it registered; tells a registration apart from the next one of the same engine
	 */
	public void track(int id, String uuid, Instant registeredAt) {
		this.engines.put(uuid, new MonitoredEngine(id, uuid, registeredAt, this.clock.instant()));
	}

	public void untrack(String uuid) {
		this.engines.remove(uuid);
	}

	/**
	 * Records a heartbeat.
	 * @return whether the engine is tracked
	 */
	public boolean beat(String uuid) {
		Instant now = this.clock.instant();
		MonitoredEngine engine = this.engines.computeIfPresent(uuid, (key, tracked) -> tracked.seenAt(now));
		if (engine == null) {
			return false;
		}
		this.undrained.put(engine.id(), now);
		return true;
	}

	/**
	 * Counts every engine as seen {@code grace} from now: after the hub's own broker connection was lost,
	 * silence says nothing about the engines, whose beats had no way to arrive, and consumers take a few
	 * seconds to resume once the broker is back.
	 */
	public void forgiveSilence(Duration grace) {
		Instant seen = this.clock.instant().plus(grace);
		this.engines.replaceAll((uuid, engine) -> engine.seenAt(seen));
	}

	/** Engines silent for longer than the timeout; they are no longer tracked. */
	public List<MonitoredEngine> expire() {
		Instant now = this.clock.instant();
		List<MonitoredEngine> expired = new ArrayList<>();
		for (String uuid : this.engines.keySet()) {
			this.engines.computeIfPresent(uuid, (key, engine) -> {
				if (Duration.between(engine.lastSeen(), now).compareTo(this.timeout) > 0) {
					expired.add(engine);
					return null;
				}
				return engine;
			});
		}
		return expired;
	}

	/** The heartbeats since the last drain: the latest of each engine, by id. */
	public Map<Integer, Instant> drainHeartbeats() {
		Map<Integer, Instant> drained = new HashMap<>();
		for (Map.Entry<Integer, Instant> entry : this.undrained.entrySet()) {
			if (this.undrained.remove(entry.getKey(), entry.getValue())) {
				drained.put(entry.getKey(), entry.getValue());
			}
		}
		return drained;
	}

	/** When a tracked engine was last seen. */
	public Optional<Instant> lastSeen(String uuid) {
		return Optional.ofNullable(this.engines.get(uuid)).map(MonitoredEngine::lastSeen);
	}

	public int tracked() {
		return this.engines.size();
	}

	/**
	 * One tracked engine.
	 *
	 * @param id its id
	 * @param uuid its uuid
	 * @param registeredAt when it registered
	 * @param lastSeen its last heartbeat, or its registration
	 */
	public record MonitoredEngine(int id, String uuid, Instant registeredAt, Instant lastSeen) {

		MonitoredEngine seenAt(Instant at) {
			return (at.isAfter(this.lastSeen)) ? new MonitoredEngine(this.id, this.uuid, this.registeredAt, at) : this;
		}

	}

}
