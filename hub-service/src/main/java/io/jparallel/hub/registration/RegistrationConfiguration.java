package io.jparallel.hub.registration;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.hub.HubIdentity;
import io.jparallel.hub.query.HubQueryExecutor;
import io.jparallel.protocol.amqp.ClusterConnection;

/** The consumer of the hub queue. */
@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

	@Bean
	HubRequestListener hubRequestListener(ClusterConnection cluster, RegistrationService registration,
			EngineRegistry registry, HubIdentity identity, EngineNotifications notifications,
			ConfigurableApplicationContext context, HubQueryExecutor queries) {
		return new HubRequestListener(cluster, registration, registry, identity,
				new ControllerShutdown(notifications, context), queries);
	}

	/** One consumer: registrations are handled one at a time, which keeps id assignment simple to follow. */
	@Bean
	SimpleMessageListenerContainer hubRequestContainer(ClusterConnection cluster, HubRequestListener listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(cluster.connectionFactory());
		container.setQueueNames(cluster.topology().hubQueue());
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(20);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setDefaultRequeueRejected(false);
		container.setMissingQueuesFatal(false);
		container.setMessageListener(listener);
		return container;
	}

}
