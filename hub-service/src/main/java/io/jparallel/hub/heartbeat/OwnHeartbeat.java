package io.jparallel.hub.heartbeat;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.jparallel.hub.HubIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.time.IsoInstants;

/**
 * The hub's own heartbeat: a signed {@code heartbeat} message in the hub's session that says when it was
 * sent ({@value #SENT_AT}), put straight into the hub's heartbeat queue behind the engines' beats. When the
 * {@link HeartbeatListener} takes it back, every beat queued before it has been read
 * ({@link HeartMonitor#heardOwnBeat}).
 */
public final class OwnHeartbeat {

	/** Content: when the hub sent the beat (ISO-8601). */
	public static final String SENT_AT = "hubBeatSentAt";

	private final ClusterConnection cluster;

	private final HubIdentity identity;

	private final Clock clock;

	public OwnHeartbeat(ClusterConnection cluster, HubIdentity identity, Clock clock) {
		this.cluster = cluster;
		this.identity = identity;
		this.clock = clock;
	}

	/** Sends one beat into the hub's heartbeat queue. */
	public void send() {
		Message beat = Message.request(Header.create(MessageType.HEARTBEAT, this.identity.session(),
				this.identity.username()), Map.of(), Map.of(SENT_AT, IsoInstants.format(this.clock.instant())), List.of());
		this.cluster.sender().send("", this.cluster.topology().hubHeartbeatQueue(), beat);
	}

	/**
	 * When {@code heartbeat} was sent, if this hub sent it; {@code null} if it is another's (an engine's, or
	 * a hub's of another session).
	 * @throws IllegalArgumentException if it is this hub's but does not say when it was sent
	 */
	Instant sentAt(Message heartbeat) {
		String sentAt = heartbeat.content(SENT_AT);
		if (sentAt == null || !this.identity.session().equals(heartbeat.header().session())) {
			return null;
		}
		try {
			return IsoInstants.parse(sentAt);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("The hub's own heartbeat has a bad " + SENT_AT + " '" + sentAt + "'", ex);
		}
	}

}
