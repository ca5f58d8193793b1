package io.jparallel.scheduler.tasks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.topology.Topology;

/**
 * Consumes what engines tell the scheduler ({@code task_done}, and error replies of tasks with retries),
 * checks task timeouts every 100 ms, and logs progress every 10 s while tasks are held. Runs for every
 * scheme but {@code pure}.
 */
@Component
public class SchedulerNotices implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SchedulerNotices.class);

	private final ClusterConnection cluster;

	private final TaskScheduler scheduler;

	private DirectMessageListenerContainer container;

	private ScheduledExecutorService timer;

	private volatile boolean running;

	public SchedulerNotices(ClusterConnection cluster, TaskScheduler scheduler) {
		this.cluster = cluster;
		this.scheduler = scheduler;
	}

	/**
	 * Before the request consumer ({@link SmartLifecycle#DEFAULT_PHASE}): the notices queue must exist
	 * before the first task is placed, or the engine's {@code task_done} would find no queue and the
	 * engine's slots would never be freed.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 1;
	}

	@Override
	public void start() {
		if (this.scheduler.scheme() == Scheme.PURE) {
			this.running = true;
			return;
		}
		Topology topology = this.cluster.topology();
		Queue notices = TopologyDeclarations.declareSchedulerNoticesQueue(this.cluster.admin(), topology);
		this.container = new DirectMessageListenerContainer(this.cluster.connectionFactory());
		this.container.setQueueNames(notices.getName());
		this.container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		this.container.setPrefetchCount(100);
		this.container.setConsumersPerQueue(1);
		this.container.setMessageListener(amqp -> {
			for (Accepted accepted : this.cluster.inbound().acceptAll(amqp.getBody(), notices.getName())) {
				handle(accepted);
			}
		});
		this.container.afterPropertiesSet();
		this.container.start();
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "jparallel-task-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(this::checkDeadlines, 100, 100, TimeUnit.MILLISECONDS);
		this.timer.scheduleWithFixedDelay(this::logProgress, 10, 10, TimeUnit.SECONDS);
		this.running = true;
	}

	private void handle(Accepted accepted) {
		Message message = accepted.message();
		int engineId;
		try {
			engineId = Integer.parseInt(String.valueOf(message.metadata(MetadataKeys.ENGINE_ID)));
		}
		catch (NumberFormatException ex) {
			logger.warn("Dropped " + message.msgType() + " " + message.header().msgId() + ": no engine_id");
			return;
		}
		if (MessageType.TASK_DONE.equals(message.msgType())) {
			this.scheduler.done(engineId, message.content(MetadataKeys.RESULTS));
		}
		else if (message.msgType().endsWith("_reply") && message.parentHeader() != null) {
			this.scheduler.failed(engineId, message, accepted.encoded());
		}
		else {
			logger.warn("Dropped " + message.msgType() + " " + message.header().msgId() + " from engine " + engineId
					+ ": not a scheduler notice");
		}
	}

	private void checkDeadlines() {
		try {
			this.scheduler.checkDeadlines();
		}
		catch (RuntimeException ex) {
			logger.error("Checking task timeouts failed", ex);
		}
	}

	private void logProgress() {
		String progress = this.scheduler.progress();
		if (progress != null) {
			logger.info(progress);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.container != null) {
			this.container.stop();
		}
		if (this.timer != null) {
			this.timer.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
