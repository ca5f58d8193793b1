package io.jparallel.protocol.connection;

import java.net.URI;
import java.util.HexFormat;
import java.util.Objects;

import io.jparallel.protocol.topology.Topology;

/**
 * What a client or an engine needs to join a cluster.
 *
 * @param clusterId prefix of every exchange and queue of the cluster
 * @param brokerUri AMQP URI of the broker, e.g. {@code amqp://guest:guest@127.0.0.1:5672/}
 * @param key the cluster's HMAC-SHA256 key, hex
 * @param registryUrl the Eureka registry, e.g. {@code http://127.0.0.1:8761/eureka/}
 * @param hubUrl the hub's HTTP base URL
 */
public record ConnectionInfo(String clusterId, String brokerUri, String key, String registryUrl, String hubUrl) {

	public ConnectionInfo {
		Objects.requireNonNull(clusterId, "clusterId is required");
		Objects.requireNonNull(brokerUri, "brokerUri is required");
		Objects.requireNonNull(key, "key is required");
		URI.create(brokerUri);
		if (key.length() < 32) {
			throw new IllegalArgumentException("The cluster key must have at least 16 bytes (32 hex digits)");
		}
	}

	public byte[] keyBytes() {
		return HexFormat.of().parseHex(this.key);
	}

	public Topology topology() {
		return new Topology(this.clusterId);
	}

	/** The broker URI without its password, for logs. */
	public String brokerUriForDisplay() {
		return this.brokerUri.replaceAll("//([^:@/]+):[^@/]*@", "//$1:****@");
	}

}
