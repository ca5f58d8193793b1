package io.jparallel.hub.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.jparallel.hub.HubIdentity;
import io.jparallel.hub.registration.Engine;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * Builds, signs and publishes the requests of admins, from a session of their own ({@code hub-admin-...},
 * user {@code admin}): the replies go to that session's results queue, which nobody declares, so only the
 * audit sees them.
 */
@Component
public class AdminRequests {

	private final ClusterConnection cluster;

	private final HubIdentity identity = new HubIdentity("hub-admin-" + UUID.randomUUID(), AdminPassword.USERNAME);

	public AdminRequests(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	/** The session admin requests are sent from. */
	public String session() {
		return this.identity.session();
	}

	/** To the engine's control queue, served ahead of its queued work. */
	public SentRequest toControl(Engine engine, String msgType, Map<String, String> content, List<String> msgIds) {
		return toEngine(this.cluster.topology().controlExchange(), MetadataKeys.ROUTE_CONTROL, engine, msgType, content,
				msgIds);
	}

	/** To the engine's queue of direct requests, in order with its other work. */
	public SentRequest toMux(Engine engine, String msgType, Map<String, String> content) {
		return toEngine(this.cluster.topology().muxExchange(), MetadataKeys.ROUTE_MUX, engine, msgType, content,
				List.of());
	}

	/** On the requests exchange with route {@code scheduler}: a request the scheduler answers itself. */
	public SentRequest toScheduler(String msgType, Map<String, String> content, List<String> msgIds) {
		Message request = Message.request(header(msgType), Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_SCHEDULER),
				content, List.of());
		Topology topology = this.cluster.topology();
		this.cluster.sender().send(topology.requestsExchange(), this.identity.session(), request);
		return new SentRequest(request.header().msgId(), msgType, MetadataKeys.ROUTE_SCHEDULER, null, msgIds);
	}

	private SentRequest toEngine(String exchange, String route, Engine engine, String msgType,
			Map<String, String> content, List<String> msgIds) {
		Message request = Message.request(header(msgType),
				Map.of(MetadataKeys.ROUTE, route, MetadataKeys.TARGET, Integer.toString(engine.id())), content,
				List.of());
		this.cluster.sender().send(exchange, engine.uuid(), request);
		return new SentRequest(request.header().msgId(), msgType, route, engine.id(), msgIds);
	}

	private Header header(String msgType) {
		return Header.create(msgType, this.identity.session(), this.identity.username());
	}

}
