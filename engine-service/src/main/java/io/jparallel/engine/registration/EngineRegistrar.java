package io.jparallel.engine.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.admin.EngineAdminServer;
import io.jparallel.engine.control.ControlConsumer;
import io.jparallel.engine.control.RegisterAgainRequested;
import io.jparallel.engine.kernel.KernelConfiguration.KernelWarmUp;
import io.jparallel.engine.notices.SchedulerNotices;
import io.jparallel.engine.properties.PublishedProperties;
import io.jparallel.engine.requests.RequestConsumers;
import io.jparallel.engine.requests.RequestHandler;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.discovery.EurekaRegistration;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Joins the cluster once the engine is ready: declares its queues (work and control) and the scheduler's
 * exchange it sends notices to, asks the hub for an id with its properties (retrying until the hub
 * answers), starts consuming requests and control requests, lists the engine in Eureka with its id in the metadata and
 * starts heartbeats (which say how many requests it holds and has answered). On shutdown (the context closing, also when a client
 * asked for it with a {@code shutdown_request}) it stops consuming and tells the hub it is leaving.
 */
@Component
public class EngineRegistrar implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EngineRegistrar.class);

	/** Eureka metadata key holding the engine id. */
	public static final String ENGINE_ID_METADATA = "engineId";

	/** Heartbeat content: the requests the engine holds (running and waiting behind it), for the hub's dashboard. */
	static final String QUEUED = "queued";

	/** Heartbeat content: the requests it has answered. */
	static final String HANDLED = "handled";

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	private final RequestConsumers consumers;

	private final ControlConsumer control;

	private final EurekaRegistration eureka;

	private final EngineAdminServer admin;

	private final EngineReadiness readiness;

	private final EngineProperties properties;

	private final KernelWarmUp warmUp;

	private final PublishedProperties published;

	private final SchedulerNotices notices;

	private final RequestHandler handler;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "engine-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	private final AtomicBoolean registeringAgain = new AtomicBoolean();

	public EngineRegistrar(ClusterConnection cluster, EngineIdentity identity, RequestConsumers consumers,
			ControlConsumer control, EurekaRegistration eureka, EngineAdminServer admin, EngineReadiness readiness,
			EngineProperties properties, KernelWarmUp warmUp, PublishedProperties published, SchedulerNotices notices,
			RequestHandler handler) {
		this.cluster = cluster;
		this.identity = identity;
		this.consumers = consumers;
		this.control = control;
		this.eureka = eureka;
		this.admin = admin;
		this.readiness = readiness;
		this.properties = properties;
		this.warmUp = warmUp;
		this.published = published;
		this.notices = notices;
		this.handler = handler;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void register() {
		this.consumers.declare(this.identity.uuid());
		this.control.declare(this.identity.uuid());
		this.notices.declare();
		int id = requestId();
		this.identity.assign(id);
		this.consumers.start(this.identity.uuid());
		this.control.start(this.identity.uuid());
		this.readiness.set(true);
		this.eureka.register(this.admin.port(), Map.of(ENGINE_ID_METADATA, String.valueOf(id), "engineUuid",
				this.identity.uuid()));
		long period = this.properties.getHeartbeatPeriod().toMillis();
		this.heartbeats.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
		logger.info("Engine " + id + " (" + this.identity.uuid() + ") registered with the hub of cluster "
				+ this.cluster.topology().clusterId() + " and is taking requests; its properties: "
				+ this.published.snapshot());
		this.warmUp.start();
	}

	/**
	 * The hub declared this engine dead (its heartbeats were late: a stopped process, a starved machine)
	 * and asked it to register again: it does, on a thread of its own (the hub gives it back its id, which
	 * it keeps per uuid); its queues and consumers stay as they are. Requests that were in flight were failed or resubmitted by the
	 * scheduler when the hub declared the engine dead.
	 */
	@EventListener(RegisterAgainRequested.class)
	public void registerAgain() {
		if (!this.running || !this.identity.isRegistered() || !this.registeringAgain.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				int before = this.identity.id();
				logger.warn("The hub declared engine " + before + " dead and asked it to register again; registering");
				int id = requestId();
				this.identity.assign(id);
				this.eureka.update(Map.of(ENGINE_ID_METADATA, String.valueOf(id), "engineUuid", this.identity.uuid()));
				logger.info("Engine " + before + " (" + this.identity.uuid() + ") registered again as engine " + id
						+ " and is taking requests");
			}
			catch (RuntimeException ex) {
				logger.warn("Registering again failed: " + ex.getMessage() + "; the hub will ask again");
			}
			finally {
				this.registeringAgain.set(false);
			}
		}, "engine-register-again");
		thread.setDaemon(true);
		thread.start();
	}

	private int requestId() {
		Map<String, String> content = Map.of("uuid", this.identity.uuid(), "hostname", hostname(), "pid",
				String.valueOf(ProcessHandle.current().pid()), MetadataKeys.PROPERTIES,
				PropertyMaps.toJson(this.published.snapshot()));
		long started = System.nanoTime();
		Duration backoff = Duration.ofMillis(200);
		while (true) {
			Message request = Message.request(header(MessageType.REGISTRATION_REQUEST), Map.of(), content, List.of());
			try {
				byte[] body = this.cluster.sendToHubAndReceive(request);
				Message reply = (body != null) ? this.cluster.inbound().accept(body, "hub") : null;
				if (reply != null && MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
					return Integer.parseInt(reply.content("id"));
				}
				logger.info("The hub has not answered the registration request yet ("
						+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s); retrying");
			}
			catch (RuntimeException ex) {
				logger.info("Registration with the hub failed (" + ex.getMessage() + "); retrying in "
						+ backoff.toMillis() + " ms");
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
						: backoff.multipliedBy(2);
			}
		}
	}

	private void beat() {
		try {
			Message beat = Message.request(header(MessageType.HEARTBEAT), Map.of(),
					Map.of("uuid", this.identity.uuid(), "id", String.valueOf(this.identity.id()), QUEUED,
							String.valueOf(this.handler.inHand()), HANDLED, String.valueOf(this.handler.handled())),
					List.of());
			this.cluster.sender().send(this.cluster.topology().heartbeatExchange(), "", beat);
		}
		catch (RuntimeException ex) {
			logger.warn("Heartbeat not sent: " + ex.getMessage());
		}
	}

	private Header header(String type) {
		return Header.create(type, this.identity.uuid(), System.getProperty("user.name"));
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.readiness.set(false);
		this.eureka.cancel();
		this.heartbeats.shutdownNow();
		this.consumers.stop();
		this.control.stop();
		if (this.identity.isRegistered()) {
			try {
				Message leaving = Message.request(header(MessageType.UNREGISTRATION_NOTIFICATION), Map.of(),
						Map.of("uuid", this.identity.uuid(), "id", String.valueOf(this.identity.id()), "reason",
								"shutdown"),
						List.of());
				this.cluster.sender().send("", this.cluster.topology().hubQueue(), leaving);
				logger.info("Engine " + this.identity.id() + " told the hub it is leaving");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not tell the hub this engine is leaving: " + ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while registering", ex);
		}
	}

}
