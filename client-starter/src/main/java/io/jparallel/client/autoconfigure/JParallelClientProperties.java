package io.jparallel.client.autoconfigure;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the auto-configured {@link io.jparallel.client.Client} finds its cluster. */
@ConfigurationProperties("jparallel.client")
public class JParallelClientProperties {

	/** Whether to create a Client bean. */
	private boolean enabled = true;

	/** Client connection file; defaults to the one of {@link #profile} written by jpcluster. */
	private Path connectionFile;

	/** Profile whose connection file to use when no file or broker is given. */
	private String profile = "default";

	/** Cluster id, when connecting without a connection file (with {@link #brokerUri} and {@link #key}). */
	private String clusterId;

	/** AMQP URI of the cluster's broker, when connecting without a connection file. */
	private String brokerUri;

	/** The cluster's HMAC key (hex), when connecting without a connection file. */
	private String key;

	/** PEM CA certificate to trust for an {@code amqps} broker URI, when connecting without a connection file. */
	private Path brokerCaFile;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Path getConnectionFile() {
		return this.connectionFile;
	}

	public void setConnectionFile(Path connectionFile) {
		this.connectionFile = connectionFile;
	}

	public String getProfile() {
		return this.profile;
	}

	public void setProfile(String profile) {
		this.profile = profile;
	}

	public String getClusterId() {
		return this.clusterId;
	}

	public void setClusterId(String clusterId) {
		this.clusterId = clusterId;
	}

	public String getBrokerUri() {
		return this.brokerUri;
	}

	public void setBrokerUri(String brokerUri) {
		this.brokerUri = brokerUri;
	}

	public Path getBrokerCaFile() {
		return this.brokerCaFile;
	}

	public void setBrokerCaFile(Path brokerCaFile) {
		this.brokerCaFile = brokerCaFile;
	}

	public String getKey() {
		return this.key;
	}

	public void setKey(String key) {
		this.key = key;
	}

}
