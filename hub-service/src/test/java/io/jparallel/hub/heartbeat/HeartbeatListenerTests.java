package io.jparallel.hub.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;

import io.jparallel.hub.HubIdentity;
import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineLeft;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.hub.registration.HubContent;
import io.jparallel.hub.testing.MutableClock;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's heartbeat consumer, fed encoded heartbeats directly; no broker (asking an engine to register
 * again fails to send, which the listener only logs).
 */
class HeartbeatListenerTests {

	private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

	private final ClusterConnection cluster = new ClusterConnection(
			new ConnectionInfo("heartbeat-listener-test", "amqp://127.0.0.1:1", TestBroker.randomKey(), null, null),
			"test", false);

	private final MutableClock clock = new MutableClock(START);

	private final HeartMonitor monitor = new HeartMonitor(this.clock, Duration.ofSeconds(5));

	private final HubIdentity identity = HubIdentity.create();

	private final OwnHeartbeat own = new OwnHeartbeat(this.cluster, this.identity, this.clock);

	private final HeartbeatListener listener = new HeartbeatListener(this.cluster, this.monitor, this.own);

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void anEngineAskedToRegisterAgainIsForgottenOnceItsHeartbeatsAreAcceptedAgain() {
		this.listener.onMessage(heartbeat("engine-a"));
		this.listener.onMessage(heartbeat("engine-a"));
		assertThat(this.listener.fromUnknownEngines()).isEqualTo(2);
		assertThat(this.listener.askedToRegisterAgain()).isOne();

		this.monitor.track(0, "engine-a", START);
		this.listener.onMessage(heartbeat("engine-a"));

		assertThat(this.listener.fromUnknownEngines()).isEqualTo(2);
		assertThat(this.listener.askedToRegisterAgain()).isZero();
	}

	@Test
	void anEngineAskedToRegisterAgainIsForgottenWhenItLeaves() {
		this.listener.onMessage(heartbeat("engine-a"));
		this.listener.onMessage(heartbeat("engine-b"));
		assertThat(this.listener.askedToRegisterAgain()).isEqualTo(2);

		this.listener.onLeft(new EngineLeft(new Engine(0, "engine-a", "host", 1L, EngineState.UNREGISTERED, START, START,
				START, Map.of()), "unregistered"));

		assertThat(this.listener.askedToRegisterAgain()).isOne();
	}

	@Test
	void anEngineAskedToRegisterAgainThatNeverBeatsAgainIsForgottenWhenTheHubNextAsksAMinuteLater() {
		java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
		HeartbeatListener listener = new HeartbeatListener(this.cluster, this.monitor, new EngineLoads(), this.own,
				now::get);
		listener.onMessage(heartbeat("engine-that-died"));
		assertThat(listener.askedToRegisterAgain()).isOne();

		now.addAndGet(HeartbeatListener.FORGET_ASKED_AFTER.toNanos() - 1);
		listener.onMessage(heartbeat("engine-b"));
		assertThat(listener.askedToRegisterAgain()).isEqualTo(2);

		now.addAndGet(1);
		listener.onMessage(heartbeat("engine-b"));
		assertThat(listener.askedToRegisterAgain()).isOne();
	}

	@Test
	void theHubsOwnBeatTellsTheMonitorHowFarItHasRead() {
		this.listener.onMessage(hubBeat(this.identity.session(), START.plusSeconds(2).toString()));
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(this.monitor.hearingLag()).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.listener.fromUnknownEngines()).isZero();
		assertThat(this.listener.askedToRegisterAgain()).isZero();
	}

	@Test
	void anotherHubsBeatAndAnOwnBeatWithoutAValidTimeAreIgnored() {
		this.listener.onMessage(hubBeat(HubIdentity.create().session(), START.toString()));
		this.listener.onMessage(hubBeat(this.identity.session(), "yesterday"));
		this.clock.advance(Duration.ofSeconds(10));

		// nothing heard: judged by the clock
		assertThat(this.monitor.hearingLag()).isZero();
		assertThat(this.listener.fromUnknownEngines()).isZero();
	}

	private org.springframework.amqp.core.Message hubBeat(String session, String sentAt) {
		Message heartbeat = Message.request(Header.create(MessageType.HEARTBEAT, session, "hub"), Map.of(),
				Map.of(OwnHeartbeat.SENT_AT, sentAt), List.of());
		return new org.springframework.amqp.core.Message(this.cluster.codec().encode(heartbeat), new MessageProperties());
	}

	private org.springframework.amqp.core.Message heartbeat(String uuid) {
		Message heartbeat = Message.request(Header.create(MessageType.HEARTBEAT, uuid, "engine"), Map.of(),
				Map.of(HubContent.UUID, uuid), List.of());
		return new org.springframework.amqp.core.Message(this.cluster.codec().encode(heartbeat), new MessageProperties());
	}

}
