package io.jparallel.protocol.connection;

import java.net.URI;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.jparallel.protocol.topology.Topology;

/**
 * What a client or an engine needs to join a cluster.
 *
 * @param clusterId prefix of every exchange and queue of the cluster
 * @param brokerUri AMQP URI of the broker with the cluster's own broker user, e.g.
 * {@code amqp://jp-<clusterId>:<password>@127.0.0.1:5672}; {@code amqps://...} connects with TLS
 * @param key the cluster's HMAC-SHA256 key, hex
 * @param registryUrl the Eureka registry, e.g. {@code http://127.0.0.1:8761/eureka/}
 * @param hubUrl the hub's HTTP base URL
 * @param brokerCaCertificate for {@code amqps}: the PEM text of the CA certificate(s) to trust for the
 * broker's certificate, or {@code null} for the JVM's default trust store
 * @param hubAdminUser the hub's admin user for REST and actuator writes (client file only), or {@code null}
 * @param hubAdminPassword that user's password (client file only), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionInfo(String clusterId, String brokerUri, String key, String registryUrl, String hubUrl,
		@Nullable String brokerCaCertificate, @Nullable String hubAdminUser, @Nullable String hubAdminPassword) {

	@JsonCreator
	public ConnectionInfo {
		Objects.requireNonNull(clusterId, "clusterId is required");
		Objects.requireNonNull(brokerUri, "brokerUri is required");
		Objects.requireNonNull(key, "key is required");
		URI.create(brokerUri);
		if (key.length() < 32) {
			throw new IllegalArgumentException("The cluster key must have at least 16 bytes (32 hex digits)");
		}
	}

	/** Plain or TLS according to the URI's scheme, the JVM's trust store, no hub admin credentials. */
	public ConnectionInfo(String clusterId, String brokerUri, String key, String registryUrl, String hubUrl) {
		this(clusterId, brokerUri, key, registryUrl, hubUrl, null, null, null);
	}

	public byte[] keyBytes() {
		return HexFormat.of().parseHex(this.key);
	}

	public Topology topology() {
		return new Topology(this.clusterId);
	}

	/** Whether the broker URI asks for TLS ({@code amqps}). */
	@JsonIgnore
	public boolean isTls() {
		return "amqps".equalsIgnoreCase(URI.create(this.brokerUri).getScheme());
	}

	/** The same without the hub admin credentials: what engines and services get. */
	public ConnectionInfo withoutHubAdmin() {
		return new ConnectionInfo(this.clusterId, this.brokerUri, this.key, this.registryUrl, this.hubUrl,
				this.brokerCaCertificate, null, null);
	}

	/** The broker URI without its password, for logs. */
	public String brokerUriForDisplay() {
		return this.brokerUri.replaceAll("//([^:@/]+):[^@/]*@", "//$1:****@");
	}

	@Override
	public String toString() {
		return "ConnectionInfo[clusterId=" + this.clusterId + ", broker=" + brokerUriForDisplay() + ", registryUrl="
				+ this.registryUrl + ", hubUrl=" + this.hubUrl + ", tls=" + isTls() + ", hubAdminUser="
				+ this.hubAdminUser + "]";
	}

}
