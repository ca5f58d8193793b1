package io.jparallel.hub.heartbeat;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.MessageListener;

import io.jparallel.hub.registration.HubContent;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Consumes the hub's heartbeat queue. A heartbeat is a signed {@code heartbeat} message whose content
 * holds the engine's {@code uuid} (and {@code id}); without a {@code uuid}, the header's session is taken
 * as the engine's uuid. Engines also say how much work they hold ({@code queued}) and have done
 * ({@code handled}): kept in {@link EngineLoads} for the dashboard.
 */
public final class HeartbeatListener implements MessageListener {

	private static final Log logger = LogFactory.getLog(HeartbeatListener.class);

	private final ClusterConnection cluster;

	private final HeartMonitor monitor;

	private final EngineLoads loads;

	private final AtomicLong fromUnknownEngines = new AtomicLong();

	public HeartbeatListener(ClusterConnection cluster, HeartMonitor monitor) {
		this(cluster, monitor, new EngineLoads());
	}

	public HeartbeatListener(ClusterConnection cluster, HeartMonitor monitor, EngineLoads loads) {
		this.cluster = cluster;
		this.monitor = monitor;
		this.loads = loads;
	}

	@Override
	public void onMessage(org.springframework.amqp.core.Message amqp) {
		Message heartbeat = this.cluster.inbound().accept(amqp.getBody(), this.cluster.topology().hubHeartbeatQueue());
		if (heartbeat == null) {
			return;
		}
		if (!MessageType.HEARTBEAT.equals(heartbeat.msgType())) {
			logger.warn("The heartbeat queue got a " + heartbeat.msgType() + " from session "
					+ heartbeat.header().session() + "; ignored");
			return;
		}
		String uuid = heartbeat.content(HubContent.UUID);
		if (uuid == null) {
			uuid = heartbeat.header().session();
		}
		if (this.monitor.beat(uuid)) {
			this.loads.report(uuid, heartbeat.content(EngineLoads.QUEUED), heartbeat.content(EngineLoads.HANDLED));
		}
		else if (this.fromUnknownEngines.incrementAndGet() % 100 == 1) {
			logger.info("Heartbeat from engine " + uuid + ", which is not registered (or was declared dead);"
					+ " it must register again. " + this.fromUnknownEngines.get() + " such heartbeats so far");
		}
	}

	/** Heartbeats from engines that are not registered. */
	public long fromUnknownEngines() {
		return this.fromUnknownEngines.get();
	}

}
