package io.jparallel.hub.audit;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.hub.config.HubProperties;
import io.jparallel.protocol.amqp.ClusterConnection;

/** The consumer of the audit queue. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditListener auditListener(ClusterConnection cluster, AuditWriter writer) {
		return new AuditListener(cluster, writer);
	}

	/**
	 * One consumer taking up to a batch of messages at a time (or what arrived within 100 ms), acknowledged
	 * together once written: one transaction and one ack per batch instead of per message.
	 */
	@Bean
	SimpleMessageListenerContainer auditContainer(ClusterConnection cluster, AuditListener listener,
			HubProperties properties) {
		int batchSize = properties.getAudit().getBatchSize();
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(cluster.connectionFactory());
		container.setQueueNames(cluster.topology().hubAuditQueue());
		container.setConcurrentConsumers(1);
		container.setConsumerBatchEnabled(true);
		container.setBatchSize(batchSize);
		container.setPrefetchCount(batchSize * 2);
		container.setReceiveTimeout(100);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setDefaultRequeueRejected(false);
		container.setMissingQueuesFatal(false);
		container.setMessageListener(listener);
		return container;
	}

}
