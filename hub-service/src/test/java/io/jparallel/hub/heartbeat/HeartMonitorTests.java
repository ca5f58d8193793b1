package io.jparallel.hub.heartbeat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.jparallel.hub.heartbeat.HeartMonitor.MonitoredEngine;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.HubContent;
import io.jparallel.hub.registration.RegistrationService;
import io.jparallel.hub.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class HeartMonitorTests {

	private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final HeartMonitor monitor = new HeartMonitor(this.clock, Duration.ofSeconds(5));

	@Test
	void engineSilentForLongerThanTheTimeoutExpiresOnce() {
		this.monitor.track(0, "engine-a", START);

		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.monitor.expire()).isEmpty();

		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.monitor.expire()).containsExactly(new MonitoredEngine(0, "engine-a", START, START));
		assertThat(this.monitor.expire()).isEmpty();
		assertThat(this.monitor.tracked()).isZero();
	}

	@Test
	void heartbeatsKeepAnEngineAlive() {
		this.monitor.track(0, "engine-a", START);
		this.monitor.track(1, "engine-b", START);

		for (int second = 0; second < 20; second++) {
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(this.monitor.beat("engine-a")).isTrue();
			if (second == 5) {
				assertThat(this.monitor.expire()).extracting(MonitoredEngine::uuid).containsExactly("engine-b");
			}
			else {
				assertThat(this.monitor.expire()).isEmpty();
			}
		}
		assertThat(this.monitor.lastSeen("engine-a")).contains(START.plusSeconds(20));
	}

	@Test
	void silenceIsJudgedOnlyUpToTheLatestOwnBeatTheHubHeardBack() {
		this.monitor.track(0, "engine-a", START);
		this.monitor.heardOwnBeat(START);

		// the hub falls behind: its own beats sent after START are still in its queue, maybe behind engine-a's
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.monitor.hearingLag()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.monitor.expire()).isEmpty();

		// it catches up to a beat it sent 5 s after engine-a's last one: not yet longer than the timeout
		this.monitor.heardOwnBeat(START.plusSeconds(5));
		assertThat(this.monitor.expire()).isEmpty();
		// one it sent later than that: engine-a's silence is proven
		this.monitor.heardOwnBeat(START.plusSeconds(6));
		assertThat(this.monitor.expire()).extracting(MonitoredEngine::uuid).containsExactly("engine-a");
	}

	@Test
	void aLagEndedBetweenTwoLooksIsStillTold() {
		this.monitor.heardOwnBeat(START);
		assertThat(this.monitor.takeLagEnded()).isZero();

		// a paused hub: 12 s without hearing itself, then it hears its first fresh beat at once
		this.clock.advance(Duration.ofSeconds(12));
		this.monitor.heardOwnBeat(START.plusSeconds(12));

		assertThat(this.monitor.hearingLag()).isZero();
		assertThat(this.monitor.takeLagEnded()).isEqualTo(Duration.ofSeconds(12));
		assertThat(this.monitor.takeLagEnded()).isZero();
	}

	@Test
	void anEngineWhoseBeatsTheHubReadsWhileCatchingUpStaysAlive() {
		this.monitor.track(0, "engine-a", START);
		this.monitor.heardOwnBeat(START);
		this.clock.advance(Duration.ofSeconds(20));

		// the queue, in order: engine-a's beats of the 20 s, then the hub's own
		this.monitor.beat("engine-a");
		this.monitor.heardOwnBeat(START.plusSeconds(19));

		assertThat(this.monitor.expire()).isEmpty();
		assertThat(this.monitor.hearingLag()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aHubThatCannotHearItselfJudgesByTheClockBeyondTheLagItExcuses() {
		this.monitor.track(0, "engine-a", START);
		this.monitor.heardOwnBeat(START);

		this.clock.advance(HeartMonitor.MAX_EXCUSED_LAG.plusSeconds(5));
		assertThat(this.monitor.expire()).isEmpty();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.monitor.hearingLag()).isEqualTo(HeartMonitor.MAX_EXCUSED_LAG);
		assertThat(this.monitor.expire()).extracting(MonitoredEngine::uuid).containsExactly("engine-a");
	}

	@Test
	void anOlderOwnBeatHeardLateDoesNotMoveTheHearingBack() {
		assertThat(this.monitor.heardOwnBeat(START.plusSeconds(3))).as("the first heard").isTrue();
		assertThat(this.monitor.heardOwnBeat(START.plusSeconds(1))).isFalse();
		this.clock.advance(Duration.ofSeconds(4));

		assertThat(this.monitor.hearingLag()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void heartbeatFromAnUntrackedEngineIsNotKept() {
		assertThat(this.monitor.beat("stranger")).isFalse();
		assertThat(this.monitor.drainHeartbeats()).isEmpty();
	}

	@Test
	void drainGivesTheLatestHeartbeatOfEachEngineOnce() {
		this.monitor.track(0, "engine-a", START);
		this.monitor.track(1, "engine-b", START);
		this.clock.advance(Duration.ofSeconds(1));
		this.monitor.beat("engine-a");
		this.clock.advance(Duration.ofSeconds(1));
		this.monitor.beat("engine-a");
		this.monitor.beat("engine-b");

		assertThat(this.monitor.drainHeartbeats()).containsExactlyInAnyOrderEntriesOf(
				java.util.Map.of(0, START.plusSeconds(2), 1, START.plusSeconds(2)));
		assertThat(this.monitor.drainHeartbeats()).isEmpty();
	}

	@Test
	void taskDeclaresASilentEngineDeadWithTheRegistrationItWasTrackedFor() {
		RegistrationService registration = mock(RegistrationService.class);
		HeartMonitorTask task = new HeartMonitorTask(this.monitor, registration, mock(EngineRegistry.class),
				Duration.ofSeconds(1), Duration.ofSeconds(5), null);
		this.monitor.track(3, "engine-d", START);

		this.clock.advance(Duration.ofSeconds(4));
		task.check();
		verifyNoInteractions(registration);

		this.clock.advance(Duration.ofSeconds(2));
		task.check();
		verify(registration).leave("engine-d", EngineState.DEAD, START, HubContent.REASON_HEARTBEAT_TIMEOUT);
	}

}
