package io.jparallel.hub.audit;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.jparallel.hub.config.HubProperties;
import io.jparallel.protocol.amqp.ClusterConnection;

/** The audit: the consumer of the audit queue, its writer, retention and figures. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	private static final Log logger = LogFactory.getLog(AuditConfiguration.class);

	/** How long the chunks of one message may take to arrive (as long as the assembler keeps them). */
	static final Duration CHUNK_MAX_AGE = Duration.ofMinutes(2);

	@Bean
	TaskTable auditTaskTable(DataSource dataSource, HubProperties properties) {
		return new TaskTable(new JdbcTemplate(dataSource), properties.getAudit().getBatchSize());
	}

	@Bean
	AuditWriter auditWriter(TaskTable table, PlatformTransactionManager transactionManager, Clock clock,
			org.springframework.beans.factory.ObjectProvider<io.jparallel.hub.admin.TaskMetrics> metrics) {
		return new AuditWriter(table, transactionManager, clock, io.jparallel.hub.admin.TaskMetrics.all(metrics.orderedStream().toList()));
	}

	@Bean
	AuditListener auditListener(ClusterConnection cluster, AuditWriter writer, Clock clock,
			HubProperties properties) {
		// held chunk deliveries leave room for a whole batch within the prefetch
		HeldChunks chunks = new HeldChunks(cluster.codec(), clock, CHUNK_MAX_AGE,
				properties.getAudit().getBatchSize());
		return new AuditListener(cluster, writer, chunks, AuditListener.Pause.SLEEP);
	}

	/**
	 * One consumer taking up to a batch of deliveries at a time (or what arrived within 100 ms), acknowledged
	 * once written: one transaction and (without chunks) one acknowledgement per batch.
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
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setMissingQueuesFatal(false);
		container.setMessageListener(listener);
		logger.info("Auditing all requests and replies from " + cluster.topology().hubAuditQueue() + " in batches of "
				+ batchSize + "; caps " + properties.getAudit().getRetention().getMaxRecords() + " records and "
				+ properties.getAudit().getRetention().getMaxBytes().toMegabytes() + " MiB of requests and replies");
		return container;
	}

	@Bean
	AuditRetention auditRetention(TaskRepository tasks, PlatformTransactionManager transactionManager,
			HubProperties properties) {
		HubProperties.Retention retention = properties.getAudit().getRetention();
		return new AuditRetention(tasks, transactionManager,
				new RetentionCaps(retention.getMaxRecords(), retention.getMaxBytes().toBytes()), retention.getInterval());
	}

	@Bean
	AuditStatistics auditStatistics(TaskRepository tasks, AuditListener listener, AuditRetention retention) {
		return new AuditStatistics(tasks, listener, retention);
	}

}
