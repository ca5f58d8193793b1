package io.jparallel.hub.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;

/** How many messages a queue of the cluster holds, asked of the broker (a passive declare) each time. */
@Component
public class QueueDepths {

	private final ClusterConnection cluster;

	public QueueDepths(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	/** The messages ready in a queue, or {@code null} if it does not exist or the broker cannot be asked. */
	public @Nullable Long depth(String queue) {
		try {
			QueueInformation info = this.cluster.admin().getQueueInfo(queue);
			return (info != null) ? (long) info.getMessageCount() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** As {@link #depth(String)}, {@code NaN} for unknown: what a gauge shows. */
	double depthOrNaN(String queue) {
		Long depth = depth(queue);
		return (depth != null) ? depth : Double.NaN;
	}

}
