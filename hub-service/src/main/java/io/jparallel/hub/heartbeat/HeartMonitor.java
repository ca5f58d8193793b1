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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who beat last when, in memory. Engines are tracked from their registration; one silent for longer than
 * the timeout {@linkplain #expire() expires} and is no longer tracked. Heartbeats are kept here and only
 * {@linkplain #drainHeartbeats() drained} now and then to the database, not written one by one.
 * <p>
 * Silence is judged only up to where the hub has heard: the hub sends a heartbeat of its own through its
 * heartbeat queue every period ({@link OwnHeartbeat}), and an engine expires once the hub has heard back one
 * it sent more than the timeout after the engine's last beat. The queue is first in, first out, so every
 * beat the engine sent before then has been taken. A hub that falls behind (starved of CPU on a loaded
 * machine, paused, or with a long queue) then declares no live engine dead for beats it has not read yet;
 * before it hears its first own beat, and beyond {@link #MAX_EXCUSED_LAG}, it judges by the clock.
 */
public final class HeartMonitor {

	private final Clock clock;

	private final Duration timeout;

	private final Map<String, MonitoredEngine> engines = new ConcurrentHashMap<>();

	private final Map<Integer, Instant> undrained = new ConcurrentHashMap<>();

	/**
	 * How far behind the clock the hub's hearing may lag before silence is judged by the clock again: a hub
	 * that cannot hear itself at all (its own beats fail to send) still declares dead engines dead, that
	 * much later.
	 */
	public static final Duration MAX_EXCUSED_LAG = Duration.ofMinutes(1);

	/** When the latest own heartbeat heard back was sent; {@code null} before the first. */
	private volatile Instant heardUpTo;

	/** The largest lag an own heartbeat ended since {@link #takeLagEnded()} last asked, in nanoseconds. */
	private final AtomicLong lagEndedNanos = new AtomicLong();

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

	/**
	 * The hub heard back its own heartbeat, sent at {@code sentAt}: every beat that reached its queue before
	 * then has been taken.
	 * @return whether it is the first the hub heard back
	 */
	public boolean heardOwnBeat(Instant sentAt) {
		Instant heard = this.heardUpTo;
		if (heard == null || sentAt.isAfter(heard)) {
			if (heard != null) {
				long lag = Duration.between(heard, this.clock.instant()).toNanos();
				this.lagEndedNanos.accumulateAndGet(lag, Math::max);
			}
			this.heardUpTo = sentAt;
		}
		return heard == null;
	}

	/**
	 * The largest lag that hearing an own heartbeat ended since the last call (then zero again): how far
	 * behind the hub was just before it heard the beat. A hub paused (or starved) for longer than the
	 * timeout can hear its first fresh beat before anything looks at {@link #hearingLag()}, which is then
	 * small again; this still tells it was behind.
	 */
	public Duration takeLagEnded() {
		return Duration.ofNanos(this.lagEndedNanos.getAndSet(0));
	}

	/**
	 * How far the hub's hearing lags behind the clock: the age of the latest own heartbeat it heard back
	 * (at most {@link #MAX_EXCUSED_LAG}); zero before the first.
	 */
	public Duration hearingLag() {
		Instant now = this.clock.instant();
		return Duration.between(heardUpTo(now), now);
	}

	/** Up to when silence can be judged: the latest own beat heard, but no earlier than the lag allowed. */
	private Instant heardUpTo(Instant now) {
		Instant heard = this.heardUpTo;
		if (heard == null || heard.isAfter(now)) {
			return now;
		}
		Instant earliest = now.minus(MAX_EXCUSED_LAG);
		return heard.isBefore(earliest) ? earliest : heard;
	}

	/**
	 * Engines silent for longer than the timeout, up to where the hub has heard (see above); they are no
	 * longer tracked.
	 */
	public List<MonitoredEngine> expire() {
		Instant heard = heardUpTo(this.clock.instant());
		List<MonitoredEngine> expired = new ArrayList<>();
		for (String uuid : this.engines.keySet()) {
			this.engines.computeIfPresent(uuid, (key, engine) -> {
				if (Duration.between(engine.lastSeen(), heard).compareTo(this.timeout) > 0) {
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

	public Duration timeout() {
		return this.timeout;
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
