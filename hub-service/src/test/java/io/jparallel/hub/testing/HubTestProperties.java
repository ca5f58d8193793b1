package io.jparallel.hub.testing;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/** What every hub test that starts the hub application sets: its cluster, profile directory, no Eureka. */
public final class HubTestProperties {

	private HubTestProperties() {
	}

	/**
	 * Writes the cluster's engine connection file into the profile directory and points the hub at it,
	 * with a heartbeat timeout long enough that test engines never die of it.
	 */
	public static void register(DynamicPropertyRegistry properties, Path profileDir, ConnectionInfo cluster) {
		Path connectionFile = ConnectionFiles.engineFile(profileDir);
		ConnectionFiles.write(connectionFile, cluster);
		properties.add("jparallel.connection-file", connectionFile::toString);
		properties.add("jparallel.profile-dir", profileDir::toString);
		properties.add("jparallel.heartbeat.timeout", () -> "10m");
		properties.add("eureka.client.enabled", () -> "false");
	}

}
