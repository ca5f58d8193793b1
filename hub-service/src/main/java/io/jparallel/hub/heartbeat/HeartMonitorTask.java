package io.jparallel.hub.heartbeat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineLeft;
import io.jparallel.hub.registration.EngineRegistered;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.hub.registration.HubContent;
import io.jparallel.hub.registration.RegistrationService;
import io.jparallel.hub.heartbeat.HeartMonitor.MonitoredEngine;

/**
 * Runs the heart monitor: each period, the hub sends its {@link OwnHeartbeat own beat} and engines silent
 * for longer than the timeout, up to where the hub has heard, are declared dead (a hub that falls behind
 * on its heartbeat queue says so in its log once per such spell);
 * each flush interval, the latest heartbeats are written to the database in one transaction. On start,
 * engines the database lists as registered are watched as if they had just beaten, so engines that
 * outlived a hub restart keep their ids and those that did not are declared dead after one timeout.
 */
public final class HeartMonitorTask implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HeartMonitorTask.class);

	private final HeartMonitor monitor;

	private final RegistrationService registration;

	private final EngineRegistry registry;

	private final Duration period;

	private final Duration flushInterval;

	private final OwnHeartbeat own;

	private volatile ScheduledExecutorService scheduler;

	/** Whether the last check found the hub's hearing further behind than the timeout. */
	private boolean behind;

	/**
	 * @param own the hub's own beat, sent each period; {@code null} to judge silence by the clock alone
	 */
	public HeartMonitorTask(HeartMonitor monitor, RegistrationService registration, EngineRegistry registry,
			Duration period, Duration flushInterval, OwnHeartbeat own) {
		this.monitor = monitor;
		this.registration = registration;
		this.registry = registry;
		this.period = period;
		this.flushInterval = flushInterval;
		this.own = own;
	}

	/** Extra time engines get to beat again after the hub reconnects (their consumers and ours resume). */
	static final Duration RECONNECT_GRACE = Duration.ofSeconds(15);

	/** Whether the hub's broker connection is down: then no engine is declared dead. */
	private volatile boolean brokerLost;

	/** The hub lost the broker: heartbeats cannot arrive, so silence proves nothing until it is back. */
	public void brokerLost() {
		if (!this.brokerLost) {
			this.brokerLost = true;
			logger.warn("Lost the broker: no engine is declared dead until the hub is connected again");
		}
	}

	/** The hub is connected again: every engine gets a full heartbeat timeout from now. */
	public void brokerBack() {
		if (this.brokerLost) {
			this.monitor.forgiveSilence(RECONNECT_GRACE);
			this.brokerLost = false;
			logger.info("Connected to the broker again: watching " + this.monitor.tracked() + " engine(s), each given "
					+ RECONNECT_GRACE.toSeconds() + " s more than the heartbeat timeout to be heard from again");
		}
	}

	@EventListener
	public void onRegistered(EngineRegistered event) {
		Engine engine = event.engine();
		this.monitor.track(engine.id(), engine.uuid(), engine.registeredAt());
	}

	@EventListener
	public void onLeft(EngineLeft event) {
		this.monitor.untrack(event.engine().uuid());
	}

	@Override
	public void start() {
		for (Engine engine : this.registry.registered()) {
			this.monitor.track(engine.id(), engine.uuid(), engine.registeredAt());
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "hub-heart-monitor");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::checkQuietly, this.period.toMillis(), this.period.toMillis(),
				TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(this::flushQuietly, this.flushInterval.toMillis(), this.flushInterval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	/** Declares the engines dead that stayed silent for longer than the timeout. */
	public void check() {
		if (this.brokerLost) {
			return;
		}
		noteHearingLag();
		for (MonitoredEngine engine : this.monitor.expire()) {
			this.registration.leave(engine.uuid(), EngineState.DEAD, engine.registeredAt(),
					HubContent.REASON_HEARTBEAT_TIMEOUT);
		}
	}

	/** Logs when the hub falls further behind on its heartbeat queue than the timeout, and when it caught up. */
	private void noteHearingLag() {
		Duration ended = this.monitor.takeLagEnded();
		if (ended.compareTo(this.monitor.timeout()) > 0 && !this.behind) {
			// it fell behind and caught up again between two checks (a pause: it hears its first fresh beat
			// at once): said as it would have been seen, then caught up below
			warnBehind(ended);
			this.behind = true;
		}
		Duration lag = this.monitor.hearingLag();
		boolean behindNow = lag.compareTo(this.monitor.timeout()) > 0;
		if (behindNow && !this.behind) {
			warnBehind(lag);
		}
		else if (!behindNow && this.behind) {
			logger.info("The hub caught up with its heartbeat queue (" + lag.toMillis() + " ms behind)");
		}
		this.behind = behindNow;
	}

	private static void warnBehind(Duration lag) {
		logger.warn("The hub is " + lag.toSeconds() + " s behind on its heartbeat queue (starved of CPU, paused, "
				+ "or the queue is long): engines are judged only on the beats it has read, and none is declared "
				+ "dead for silence the hub has not caught up with (for at most "
				+ HeartMonitor.MAX_EXCUSED_LAG.toSeconds() + " s)");
	}

	private void sendOwnBeat() {
		if (this.own == null || this.brokerLost) {
			return;
		}
		try {
			this.own.send();
		}
		catch (RuntimeException ex) {
			logger.debug("The hub's own heartbeat was not sent: " + ex.getMessage());
		}
	}

	/** Writes the latest heartbeats to the database. */
	public void flush() {
		this.registry.recordHeartbeats(this.monitor.drainHeartbeats());
	}

	private void checkQuietly() {
		try {
			sendOwnBeat();
			check();
		}
		catch (RuntimeException ex) {
			logger.error("Heart monitor check failed: " + ex.getMessage(), ex);
		}
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.error("Cannot write heartbeats to the database: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			flushQuietly();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
