package io.jparallel.scheduler.routing;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.engines.EngineEvents;
import io.jparallel.protocol.engines.EngineNotificationSubscriber;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.scheduler.SchedulerProperties;
import io.jparallel.scheduler.SchedulerShutdown;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.engines.HubEngineList;
import io.jparallel.scheduler.tasks.TaskScheduler;

/**
 * Consumes the cluster's request queue. Declares the queues it feeds (the shared task queue) so no
 * task is dropped before the first engine starts. Follows the hub's notifications: engines joining and
 * leaving, and the controller shutting down, on which the scheduler exits.
 */
@Component
public class RequestConsumer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RequestConsumer.class);

	private final ClusterConnection cluster;

	private final RequestRouter router;

	private final EngineDirectory engines;

	private final SchedulerProperties properties;

	private final SchedulerShutdown shutdown;

	private final TaskScheduler tasks;

	private final HubEngineList hub;

	private DirectMessageListenerContainer container;

	private EngineNotificationSubscriber notifications;

	private volatile boolean running;

	/** Whether this scheduler took a request yet: a standby (single active consumer) takes none until the active one goes. */
	private volatile boolean active;

	public RequestConsumer(ClusterConnection cluster, RequestRouter router, EngineDirectory engines,
			SchedulerProperties properties, SchedulerShutdown shutdown, TaskScheduler tasks, HubEngineList hub) {
		this.cluster = cluster;
		this.tasks = tasks;
		this.hub = hub;
		this.router = router;
		this.engines = engines;
		this.properties = properties;
		this.shutdown = shutdown;
	}

	@Override
	public void start() {
		Topology topology = this.cluster.topology();
		Queue requests = io.jparallel.protocol.amqp.TopologyDeclarations.declareSchedulerQueue(this.cluster.admin(),
				topology);
		Queue tasks = io.jparallel.protocol.amqp.TopologyDeclarations.declareSharedTaskQueue(this.cluster.admin(),
				topology);

		this.notifications = new EngineNotificationSubscriber(this.cluster, "scheduler-" + java.util.UUID.randomUUID(),
				new EngineEvents() {
					@Override
					public void registered(int id, String uuid) {
						registered(id, uuid, java.util.Map.of());
					}

					@Override
					public void registered(int id, String uuid, java.util.Map<String, String> properties) {
						RequestConsumer.this.engines.registered(id, uuid);
						RequestConsumer.this.tasks.engineJoined(id, uuid, properties);
					}

					@Override
					public void unregistered(int id, String uuid, String reason) {
						RequestConsumer.this.engines.unregistered(id);
						RequestConsumer.this.tasks.engineLeft(id, reason);
					}

					@Override
					public void propertiesChanged(int id, String uuid, java.util.Map<String, String> properties) {
						RequestConsumer.this.tasks.propertiesChanged(id, properties);
					}

					@Override
					public void clusterShuttingDown(String reason) {
						RequestConsumer.this.shutdown.shutDown(reason);
					}
				});

		// know the engines before taking requests, so held tasks are spread over all of them
		listEngines();
		this.container = new DirectMessageListenerContainer(this.cluster.connectionFactory());
		this.container.setQueueNames(requests.getName());
		// acknowledged when safe (DeliveryReceipt): held tasks stay unacknowledged, so the prefetch is not
		// limited, or held tasks would block the direct requests behind them
		this.container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		this.container.setPrefetchCount(0);
		this.container.setConsumersPerQueue(1);
		this.container.setMessageListener((ChannelAwareMessageListener) (amqp, channel) -> {
			if (!this.active) {
				this.active = true;
				logger.info("Scheduler active: taking requests from " + requests.getName()
						+ (amqp.getMessageProperties().isRedelivered()
								? " (starting with requests another scheduler took but did not finish)" : ""));
			}
			DeliveryReceipt receipt = new DeliveryReceipt(channel, amqp.getMessageProperties().getDeliveryTag());
			try {
				List<Accepted> accepted = this.cluster.inbound().acceptAll(amqp.getBody(), requests.getName());
				if (!accepted.isEmpty()) {
					this.router.route(accepted, receipt);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Could not route a delivery of " + requests.getName()
						+ " (it is delivered again unless it could be acknowledged)", ex);
			}
			finally {
				receipt.release();
			}
		});
		this.container.afterPropertiesSet();
		this.container.start();
		this.running = true;
		logger.info("Scheduler consuming " + requests.getName() + " for cluster " + topology.clusterId() + " (routes: "
				+ String.join(", ", RequestRouter.ROUTES) + "; load-balancing scheme: " + this.tasks.scheme().label()
				+ ((this.tasks.scheme() == io.jparallel.scheduler.tasks.Scheme.PURE) ? ", shared task queue " + tasks.getName()
						: ", hwm " + this.tasks.hwmLabel() + ", engines' notices on "
								+ topology.schedulerNoticesQueue())
				+ "; control via " + topology.controlExchange() + ")");
	}

	@EventListener(ApplicationReadyEvent.class)
	public void loadEngines() {
		this.engines.refresh();
		listEngines();
	}

	/**
	 * The hub's engines, for the load-balanced tasks and for direct requests alike: an engine that
	 * registered before this scheduler subscribed to the hub's notifications is known before the first
	 * request for it, rather than looked up (a blocking hub request) on that request's consumer thread.
	 */
	private void listEngines() {
		try {
			List<io.jparallel.protocol.engines.EngineListRequests.Listed> listed = this.hub.listed();
			listed.forEach(engine -> this.engines.registered(engine.id(), engine.uuid()));
			this.tasks.enginesListed(listed);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not get the engines and their properties from the hub: " + ex.getMessage()
					+ " (engines are added as the hub announces them)");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.container != null) {
			this.container.stop();
		}
		if (this.notifications != null) {
			this.notifications.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
