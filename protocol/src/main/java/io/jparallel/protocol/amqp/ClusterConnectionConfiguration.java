package io.jparallel.protocol.amqp;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * The {@link ClusterConnection} of a service, from the connection file named by
 * {@code jparallel.connection-file}. Services import it; the client starter has its own
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConnectionConfiguration {

	/** Property naming the connection file a service joins its cluster with. */
	public static final String CONNECTION_FILE_PROPERTY = "jparallel.connection-file";

	/** How long a starting service waits for the broker to let it in, e.g. {@code 2m}. */
	public static final String BROKER_WAIT_PROPERTY = "jparallel.broker-wait";

	private static final Duration DEFAULT_BROKER_WAIT = Duration.ofMinutes(2);

	/** {@value #BROKER_WAIT_PROPERTY}, 2 minutes unless configured. */
	public static Duration brokerWait(Environment environment) {
		return environment.getProperty(BROKER_WAIT_PROPERTY, Duration.class, DEFAULT_BROKER_WAIT);
	}

	@Bean(destroyMethod = "close")
	public ClusterConnection clusterConnection(Environment environment) {
		String file = environment.getProperty(CONNECTION_FILE_PROPERTY);
		if (file == null || file.isBlank()) {
			throw new IllegalStateException("Set " + CONNECTION_FILE_PROPERTY
					+ " to the cluster's engine connection file (jpcluster passes it to every service)");
		}
		String name = environment.getProperty("spring.application.name", "jparallel");
		boolean rejectReplays = environment.getProperty("jparallel.reject-replays", Boolean.class, Boolean.FALSE);
		ConnectionInfo info = ConnectionFiles.read(Path.of(file));
		ClusterConnection cluster = new ClusterConnection(info, name, rejectReplays);
		BrokerWait.until(cluster.connectionFactory(), info.brokerUriForDisplay(), brokerWait(environment));
		return cluster.declareExchanges();
	}

	/**
	 * The cluster connection's factory as the application's, so Boot's RabbitMQ health indicator (and
	 * anything else of Boot's that talks to RabbitMQ) checks the cluster's broker, with the cluster's user,
	 * rather than a default {@code localhost:5672}.
	 */
	@Bean
	public org.springframework.amqp.rabbit.connection.CachingConnectionFactory rabbitConnectionFactory(
			ClusterConnection cluster) {
		return cluster.connectionFactory();
	}

}
