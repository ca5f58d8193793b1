package io.jparallel.client.internal;

import io.jparallel.client.JParallelException;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Requests to the hub queue over the cluster connection (direct reply-to, as {@code engine_list_request}),
 * answered within the connection's reply timeout (30 s).
 */
public final class ClusterHubChannel implements HubChannel {

	/** The connection's reply timeout, for messages. */
	static final int TIMEOUT_SECONDS = 30;

	private final ClusterConnection cluster;

	public ClusterHubChannel(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	@Override
	public Message call(Message request) {
		byte[] body;
		try {
			body = this.cluster.sendToHubAndReceive(request);
		}
		catch (RuntimeException ex) {
			throw new JParallelException("Cannot send the " + request.msgType() + " to the hub: " + ex.getMessage(), ex);
		}
		if (body == null) {
			throw new JParallelException("The hub did not answer the " + request.msgType() + " within "
					+ TIMEOUT_SECONDS + " s: is it running?");
		}
		Message reply = this.cluster.inbound().accept(body, "hub");
		if (reply == null) {
			throw new JParallelException("The hub's reply to the " + request.msgType()
					+ " was rejected (not signed with the cluster key?)");
		}
		return reply;
	}

}
