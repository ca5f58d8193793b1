package io.jparallel.client.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.jparallel.client.Client;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * A {@link Client} bean connected to the cluster named by {@code jparallel.client.*}: an explicit
 * broker URI and key, a connection file, or the connection file of a jpcluster profile.
 */
@AutoConfiguration
@ConditionalOnClass(Client.class)
@ConditionalOnProperty(prefix = "jparallel.client", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(JParallelClientProperties.class)
public final class JParallelClientAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public Client jparallelClient(JParallelClientProperties properties) {
		return Client.connect(connectionInfo(properties));
	}

	private static String readCa(java.nio.file.Path file) {
		if (file == null) {
			return null;
		}
		try {
			return java.nio.file.Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Cannot read jparallel.client.broker-ca-file " + file, ex);
		}
	}

	static ConnectionInfo connectionInfo(JParallelClientProperties properties) {
		if (properties.getBrokerUri() != null) {
			if (properties.getKey() == null || properties.getClusterId() == null) {
				throw new IllegalStateException(
						"jparallel.client.broker-uri needs jparallel.client.key and jparallel.client.cluster-id too");
			}
			return new ConnectionInfo(properties.getClusterId(), properties.getBrokerUri(), properties.getKey(), null,
					null, readCa(properties.getBrokerCaFile()), null, null);
		}
		if (properties.getConnectionFile() != null) {
			return ConnectionFiles.read(properties.getConnectionFile());
		}
		return ConnectionFiles.read(ConnectionFiles.clientFile(ConnectionFiles.profileDir(properties.getProfile())));
	}

}
