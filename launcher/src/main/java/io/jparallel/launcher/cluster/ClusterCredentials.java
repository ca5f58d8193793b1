package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * A new cluster's credentials: its own broker user (created with the administrator's URI, see
 * {@link ClusterBrokerUser}), the broker's CA certificate for {@code amqps}, the signing key and the hub's
 * admin password, written as the connection files. The administrator's credentials never go into them.
 */
public final class ClusterCredentials {

	/**
	 * The environment variable the hub's {@code jparallel.hub.admin-password} is passed in (not a system
	 * property: the command line is visible to every user of the machine).
	 */
	public static final String HUB_ADMIN_PASSWORD_VARIABLE = "JPARALLEL_HUB_ADMINPASSWORD";

	private ClusterCredentials() {
	}

	/**
	 * Creates the cluster's broker user and writes the connection files; returns the client file's content.
	 * @param adminUri the broker with an administrator's credentials
	 * @param managementUrl its management API, or {@code null} for {@code http://<host>:15672}
	 */
	public static ConnectionInfo writeConnectionFiles(ClusterLayout layout, ClusterOptions options, String adminUri,
			@Nullable String managementUrl, PrintStream out) {
		String clusterId = clusterId(options);
		Pending pending = write(layout, options, clusterId, ClusterBrokerUser.newFor(clusterId), adminUri);
		pending.createUser(managementUrl, out);
		return pending.info();
	}

	/** The cluster id the options give, or a new random one. */
	public static String clusterId(ClusterOptions options) {
		return (options.clusterId() != null) ? options.clusterId() : new ConnectionFileWriter().newClusterId();
	}

	/**
	 * Writes the connection files for a broker user that {@code jpcluster}'s own node has from its first
	 * boot ({@link ClusterBrokerUser#asBootUser}): nothing is left to create on the node once it is up.
	 * @param adminUri the node with its administrator's credentials
	 */
	public static ConnectionInfo writeForBootUser(ClusterLayout layout, ClusterOptions options, String clusterId,
			ClusterBrokerUser user, String adminUri, PrintStream out) {
		ConnectionInfo info = write(layout, options, clusterId, user, adminUri).info();
		out.println("Broker user " + user.name() + " is in the node from its boot, in virtual host " + user.vhost()
				+ ", permissions on jp." + clusterId + ".* only; the connection files hold its credentials");
		return info;
	}

	private static Pending write(ClusterLayout layout, ClusterOptions options, String clusterId, ClusterBrokerUser user,
			String adminUri) {
		String caPem = readCa(options.brokerCaFile());
		ConnectionInfo info = new ConnectionFileWriter().write(layout, clusterId, user.brokerUri(adminUri), caPem);
		return new Pending(layout, clusterId, user, adminUri, caPem, info);
	}

	/**
	 * Connection files written for a broker user still to be created.
	 * @param info the client connection file's content
	 */
	public record Pending(ClusterLayout layout, String clusterId, ClusterBrokerUser user, String adminUri,
			@Nullable String caPem, ConnectionInfo info) {

		/** Creates the user and its virtual host on the broker (which must be up now). */
		public void createUser(@Nullable String managementUrl, PrintStream out) {
			this.user.createOn(this.layout, this.clusterId, this.adminUri, managementUrl, this.caPem);
			out.println("Broker user " + this.user.name() + " created in virtual host " + this.user.vhost()
					+ ", permissions on jp." + this.clusterId + ".* only; the connection files hold its credentials"
					+ ((this.caPem != null) ? " and the broker's CA" : ""));
		}

		@Override
		public String toString() {
			return "Pending[" + this.user + ", cluster " + this.clusterId + "]";
		}

	}

	/** The hub's extra environment: its admin password, the one in the client connection file. */
	public static Map<String, String> hubEnvironment(ConnectionInfo clientInfo) {
		return (clientInfo.hubAdminPassword() != null)
				? Map.of(HUB_ADMIN_PASSWORD_VARIABLE, clientInfo.hubAdminPassword()) : Map.of();
	}

	private static @Nullable String readCa(@Nullable Path file) {
		if (file == null) {
			return null;
		}
		try {
			String pem = Files.readString(file);
			if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
				throw new ClusterStartException("--broker-ca " + file + " holds no PEM certificate");
			}
			return pem;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the broker CA certificate " + file, ex);
		}
	}

}
