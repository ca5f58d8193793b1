package io.jparallel.protocol.engines;

import java.util.List;
import java.util.Map;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Asks the hub to shut the controller down ({@code shutdown_request} on the hub queue): the hub
 * answers, announces {@code shutdown_request} on the notifications fanout (schedulers exit on it,
 * see {@link EngineEvents#clusterShuttingDown(String)}), and exits.
 */
public final class ClusterShutdownRequests {

	private final ClusterConnection cluster;

	private final String session;

	public ClusterShutdownRequests(ClusterConnection cluster, String session) {
		this.cluster = cluster;
		this.session = session;
	}

	/** Sends the request and waits for the hub's answer. */
	public void request() {
		Message request = Message.request(
				Header.create(MessageType.SHUTDOWN_REQUEST, this.session, System.getProperty("user.name")), Map.of(),
				Map.of(), List.of());
		byte[] body = this.cluster.sendToHubAndReceive(request);
		if (body == null) {
			throw new IllegalStateException("The hub did not answer the shutdown request (is the hub running?)");
		}
		Message reply = this.cluster.inbound().accept(body, "hub");
		if (reply == null || !MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
			throw new IllegalStateException("The hub refused the shutdown request"
					+ ((reply != null) ? ": " + reply.content(MetadataKeys.EVALUE) : ""));
		}
	}

}
