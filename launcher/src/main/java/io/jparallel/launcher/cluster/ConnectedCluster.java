package io.jparallel.launcher.cluster;

import io.jparallel.client.Client;

/**
 * A cluster that {@link ClusterStarter#startAndConnect} started, with a client connected to it that knows
 * every engine. Closing it closes the client, then stops the cluster.
 *
 * @param cluster the cluster's processes, broker and connection files
 * @param client the connected client
 */
public record ConnectedCluster(RunningCluster cluster, Client client) implements AutoCloseable {

	@Override
	public void close() {
		try {
			this.client.close();
		}
		finally {
			this.cluster.close();
		}
	}

}
