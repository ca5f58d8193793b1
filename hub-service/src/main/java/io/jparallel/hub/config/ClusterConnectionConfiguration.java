package io.jparallel.hub.config;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.jparallel.hub.HubIdentity;
import io.jparallel.protocol.amqp.BrokerWait;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * The hub's one connection to the cluster, built from the engine connection file. Its connection factory
 * is also the application's, so Boot's RabbitMQ health indicator and admin use the cluster's broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
public class ClusterConnectionConfiguration {

	private static final Log logger = LogFactory.getLog(ClusterConnectionConfiguration.class);

	@Bean(destroyMethod = "close")
	ClusterConnection clusterConnection(HubProperties properties, Environment environment) {
		ConnectionInfo info = ConnectionFiles.read(properties.getConnectionFile());
		ClusterConnection cluster = new ClusterConnection(info, "hub", false);
		cluster.connectionFactory().addConnectionListener(new HubQueues(cluster));
		logger.info("Hub of cluster '" + info.clusterId() + "' on " + info.brokerUriForDisplay());
		BrokerWait.until(cluster.connectionFactory(), info.brokerUriForDisplay(), io.jparallel.protocol.amqp.ClusterConnectionConfiguration.brokerWait(environment));
		return cluster;
	}

	@Bean
	CachingConnectionFactory rabbitConnectionFactory(ClusterConnection cluster) {
		return cluster.connectionFactory();
	}

	@Bean
	HubIdentity hubIdentity() {
		return HubIdentity.create();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
