package io.jparallel.hub.heartbeat;

import java.time.Clock;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.hub.HubIdentity;
import io.jparallel.hub.config.HubProperties;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.RegistrationService;
import io.jparallel.protocol.amqp.ClusterConnection;

/** The heart monitor, its task and the consumer of the heartbeat queue. */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

	@Bean
	HeartMonitor heartMonitor(Clock clock, HubProperties properties) {
		return new HeartMonitor(clock, properties.getHeartbeat().getTimeout());
	}

	@Bean
	OwnHeartbeat ownHeartbeat(ClusterConnection cluster, HubIdentity identity, Clock clock) {
		return new OwnHeartbeat(cluster, identity, clock);
	}

	@Bean
	HeartMonitorTask heartMonitorTask(HeartMonitor monitor, RegistrationService registration, EngineRegistry registry,
			HubProperties properties, ClusterConnection cluster, OwnHeartbeat own) {
		HeartMonitorTask task = new HeartMonitorTask(monitor, registration, registry,
				properties.getHeartbeat().getPeriod(), properties.getHeartbeat().getFlushInterval(), own);
		cluster.onBrokerLostAndBack(task::brokerLost, task::brokerBack);
		return task;
	}

	@Bean
	EngineLoads engineLoads() {
		return new EngineLoads();
	}

	@Bean
	HeartbeatListener heartbeatListener(ClusterConnection cluster, HeartMonitor monitor, EngineLoads loads,
			OwnHeartbeat own) {
		return new HeartbeatListener(cluster, monitor, loads, own);
	}

	@Bean
	SimpleMessageListenerContainer heartbeatContainer(ClusterConnection cluster, HeartbeatListener listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(cluster.connectionFactory());
		container.setQueueNames(cluster.topology().hubHeartbeatQueue());
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(250);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setMissingQueuesFatal(false);
		container.setMessageListener(listener);
		return container;
	}

}
