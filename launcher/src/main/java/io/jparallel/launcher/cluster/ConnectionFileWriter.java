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

	private String randomHex(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
