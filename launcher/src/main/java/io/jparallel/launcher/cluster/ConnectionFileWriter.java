package io.jparallel.launcher.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * Creates a new cluster's identity (id, a 32-byte HMAC key, registry and hub ports) and writes it as the
 * client and engine connection files, owner-readable only since the key lets anyone submit code. Both
 * files hold the same content for now; they are separate so engines and clients can diverge later, as in
 * IPython.
 */
public final class ConnectionFileWriter {

	private final SecureRandom random;

	public ConnectionFileWriter() {
		this(new SecureRandom());
	}

	public ConnectionFileWriter(SecureRandom random) {
		this.random = random;
	}

	/**
	 * @param layout where to write
	 * @param clusterId the cluster id, or {@code null} for 8 random hex digits
	 * @param brokerUri the broker
	 */
	public ConnectionInfo write(ClusterLayout layout, String clusterId, String brokerUri) {
		int[] ports = FreePorts.pick(2);
		ConnectionInfo info = new ConnectionInfo((clusterId != null) ? clusterId : randomHex(4), brokerUri,
				randomHex(32), "http://127.0.0.1:" + ports[0] + "/eureka/", "http://127.0.0.1:" + ports[1]);
		ConnectionFiles.write(layout.clientFile(), info);
		ConnectionFiles.write(layout.engineFile(), info);
		return info;
	}

	/**
	 * Writes a cluster's connection files: the engine file with the broker (the cluster's own user, and the
	 * CA certificate for {@code amqps}), the client file with that and the hub's admin user and a fresh
	 * password, which also goes to {@code security/hub-admin.password} (owner-only), where the README
	 * sends operators. Returns the client file's content.
	 * @param clusterId the cluster id (see {@link #newClusterId()})
	 * @param brokerUri the broker, with the cluster's own credentials
	 * @param brokerCaCertificate PEM text, or {@code null}
	 */
	public ConnectionInfo write(ClusterLayout layout, String clusterId, String brokerUri, String brokerCaCertificate) {
		int[] ports = FreePorts.pick(2);
		ConnectionInfo client = new ConnectionInfo(clusterId, brokerUri, randomHex(32),
				"http://127.0.0.1:" + ports[0] + "/eureka/", "http://127.0.0.1:" + ports[1], brokerCaCertificate,
				HUB_ADMIN_USER, randomHex(24));
		ConnectionFiles.write(layout.clientFile(), client);
		ConnectionFiles.write(layout.engineFile(), client.withoutHubAdmin());
		writeOwnerOnly(layout.securityDir().resolve(HUB_ADMIN_PASSWORD_FILE), client.hubAdminPassword());
		return client;
	}

	/** The hub's admin user (see the hub's {@code AdminPassword}). */
	public static final String HUB_ADMIN_USER = "admin";

	/** Where the hub's admin password is, next to the connection files. */
	public static final String HUB_ADMIN_PASSWORD_FILE = "hub-admin.password";

	/** A new cluster id: 8 random hex digits. */
	public String newClusterId() {
		return randomHex(4);
	}

	private static void writeOwnerOnly(java.nio.file.Path file, String text) {
		try {
			java.nio.file.Files.createDirectories(file.getParent());
			java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
			java.nio.file.Files.deleteIfExists(tmp);
			java.nio.file.Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions
				.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
			java.nio.file.Files.writeString(tmp, text);
			java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private String randomHex(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
