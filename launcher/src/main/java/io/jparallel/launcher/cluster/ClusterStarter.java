package io.jparallel.launcher.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.jparallel.client.Client;
import io.jparallel.launcher.process.ProcessTable;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.broker.LogTail;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.broker.ProcessSpawner;
import io.jparallel.protocol.broker.Waits;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * Starts a cluster: broker (given or private), connection files, then hub, scheduler and the engines as
 * separate JVMs all at once (the services retry until their peers are up, which is faster than starting them
 * one after the other), and returns when every engine has registered with the hub, having started the
 * registry (which nothing waits on) in the background. On any
 * failure, including Ctrl-C, it stops what it started, so a failed start never leaves processes behind.
 */
public final class ClusterStarter {

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

	private static final int LOG_TAIL_LINES = 40;

	private final PrintStream out;

	private final ProcessSpawner spawner;

	public ClusterStarter(PrintStream out) {
		this(out, new ProcessSpawner());
	}

	public ClusterStarter(PrintStream out, ProcessSpawner spawner) {
		this.out = out;
		this.spawner = spawner;
	}

	/**
	 * Starts a cluster and waits for its engines.
	 * @throws ClusterAlreadyRunningException if processes of that profile are alive
	 * @throws ClusterStartException if something did not come up; nothing is left running then
	 */
	public RunningCluster start(ClusterOptions options) {
		return start(options, EngineRestarts.DEFAULT, 1);
	}

	/**
	 * Starts a cluster, waits for its engines, then starts the engine supervisor with these limits.
	 * @param schedulers how many schedulers: one is active, the others stand by
	 * @throws ClusterAlreadyRunningException if processes of that profile are alive
	 * @throws ClusterStartException if something did not come up; nothing is left running then
	 */
	public RunningCluster start(ClusterOptions options, EngineRestarts restarts, int schedulers) {
		return start(options, restarts, schedulers, info -> {
		});
	}

	/**
	 * Starts a cluster and connects a client to it, as ipyparallel's {@code Cluster.start_and_connect_sync()}
	 * does: the client connects as soon as the broker accepts connections, while the hub and the engines are
	 * still starting, and is returned once every engine has registered and the client knows them all.
	 * A client's first connect in a JVM loads and compiles its broker client (about a second on two cores,
	 * more CPU than that); done while the cluster starts, it takes cores the hub's single-threaded start leaves
	 * idle. Should that early connect fail (a hub slower to answer than the client waits), the client connects
	 * once more after the start.
	 * <pre>{@code
	 * try (ConnectedCluster started = new ClusterStarter(System.out).startAndConnect(ClusterOptions.of(4))) {
	 *     Client rc = started.client();
	 *     rc.all().applySync(() -> 1);
	 * }
	 * }</pre>
	 * Closing the result closes the client, then stops the cluster.
	 * @throws ClusterAlreadyRunningException if processes of that profile are alive
	 * @throws ClusterStartException if something did not come up, or the client cannot connect; nothing is
	 * left running then
	 */
	public ConnectedCluster startAndConnect(ClusterOptions options) {
		EarlyClient early = new EarlyClient(this.out);
		RunningCluster cluster;
		try {
			cluster = start(options, EngineRestarts.DEFAULT, 1, early::connect);
		}
		catch (RuntimeException ex) {
			early.discard();
			throw ex;
		}
		Client client = null;
		try {
			client = early.await(cluster.connectionInfo(), options.timeout());
			client.waitForEngines(options.engines(), options.timeout());
			return new ConnectedCluster(cluster, client);
		}
		catch (RuntimeException ex) {
			if (client != null) {
				client.close();
			}
			early.discard();
			cluster.close();
			throw new ClusterStartException("The cluster started but a client could not connect to it: "
					+ ex.getMessage(), ex);
		}
	}

	private RunningCluster start(ClusterOptions options, EngineRestarts restarts, int schedulers,
			Consumer<ConnectionInfo> brokerReady) {
		long started = System.nanoTime();
		ClusterLayout layout = new ClusterLayout(options.profileDir());
		refuseIfRunning(layout);
		ServiceCommand command = new ServiceCommand(ServiceCommand.defaultJava(), options.home(), layout,
				options.extraJvmOptions(), options.engineJvmOptions());
		command.checkBuilt();
		List<String> withoutAot = command.withoutTheirBuildTimeContext();
		if (!withoutAot.isEmpty()) {
			this.out.println("Note: " + options.home().resolve("config-repo") + " changed after the last build, so "
					+ String.join(", ", withoutAot) + " start without the context Spring AOT wrote at build time"
					+ " (a slower start: every condition is read again) until the next 'mvn -DskipTests package'");
		}
		layout.create();
		ProcessTable table = layout.processTable();
		table.list().forEach(stale -> table.remove(stale.name()));

		Thread cleanup = new Thread(() -> new ClusterStopper(PrintStreams.NULL).stop(layout.profileDir()),
				"jpcluster-abort");
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			PrivateRabbitNode broker = null;
			ConnectionInfo info;
			List<Launched> launched;
			if (options.brokerUri() == null) {
				// the services start while the node boots: they spend their first seconds loading and wiring
				// themselves, and wait for the broker (and their user) only when they first connect
				this.out.println("Starting a private RabbitMQ node in " + layout.brokerDir()
						+ " (the services start meanwhile and wait for it) ...");
				// the cluster's user is in the node from its boot, so the services connect as soon as it listens
				String clusterId = ClusterCredentials.clusterId(options);
				ClusterBrokerUser user = ClusterBrokerUser.newFor(clusterId);
				broker = PrivateRabbitNode.launch(layout.brokerDir(), List.of(), List.of(user.asBootUser(clusterId)));
				info = ClusterCredentials.writeForBootUser(layout, options, clusterId, user, broker.uri(), this.out);
				launched = launchServices(layout, command, info, options.engines(), schedulers);
				broker.awaitStarted(options.timeout());
				this.out.printf(Locale.ROOT, "RabbitMQ node %s ready at amqp://127.0.0.1:%d (%.1f s)%n", broker.nodeName(),
						broker.port(), seconds(started));
				brokerReady.accept(info);
			}
			else {
				info = ClusterCredentials.writeConnectionFiles(layout, options, options.brokerUri(),
						options.brokerManagementUrl(), this.out);
				launched = launchServices(layout, command, info, options.engines(), schedulers);
				brokerReady.accept(info);
			}
			this.out.printf(Locale.ROOT, "Started hub, scheduler and %d engine(s); logs in %s%n", options.engines(),
					layout.logDir());
			List<EngineInfo> engines = awaitEngines(info, launched, options, started);
			// the hub is on the start path (engines register with it); from now on its audit is background work
			ProcessPriority.moveToBackground(launched.get(0).process().pid());
			// Nothing waits on the registry while a cluster starts: the services list themselves there once it is
			// up (engines and schedulers at their next lease renewal). Started now, in the background, it no longer
			// takes its 2-5 CPU-seconds of Eureka server from the start; its JVM then waits for a quiet machine
			// (at most 30 s) before it loads Spring, so that they are not taken from the user's first calls either.
			launched.add(0, launchRegistry(layout, command, info));
			this.out.println("Started the registry at " + info.registryUrl() + " (in the background)");
			ServiceProcess supervisor = launchSupervisor(layout.processTable(), layout, restarts);
			this.out.println("Engine supervisor running (pid " + supervisor.pid() + "): restarts an engine that dies, "
					+ restarts.describe() + "; log in " + layout.processTable().logFile(supervisor.name()));
			return new RunningCluster(layout, info, engines, launched.stream().map(Launched::process).toList(), broker,
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			this.out.println("Start failed; stopping what was started ...");
			new ClusterStopper(PrintStreams.NULL).stop(layout.profileDir());
			throw (ex instanceof ClusterStartException) ? ex : new ClusterStartException(ex.getMessage(), ex);
		}
		finally {
			removeHook(cleanup);
		}
	}

	private void refuseIfRunning(ClusterLayout layout) {
		List<ServiceProcess> alive = layout.processTable().alive();
		Optional<PrivateRabbitNode> broker = PrivateRabbitNode.find(layout.brokerDir());
		if (!alive.isEmpty() || broker.isPresent()) {
			StringBuilder what = new StringBuilder();
			alive.forEach(p -> what.append(' ').append(p.name()).append(" (pid ").append(p.pid()).append(')'));
			broker.ifPresent(b -> what.append(" rabbitmq (pid ").append(b.pid()).append(')'));
			throw new ClusterAlreadyRunningException("A cluster of profile " + layout.profileDir()
					+ " is already running:" + what + ". Stop it first with 'jpcluster stop"
					+ profileArgument(layout) + "'.");
		}
	}

	private List<Launched> launchServices(ClusterLayout layout, ServiceCommand command, ConnectionInfo info,
			int engines, int schedulers) {
		ProcessTable table = layout.processTable();
		List<Launched> launched = new ArrayList<>();
		launched.add(launch(table, layout, "hub", command.build(ServiceKind.HUB, 0, port(info.hubUrl()), info.registryUrl()),
				ClusterCredentials.hubEnvironment(info)));
		// Schedulers get a port chosen here, as the hub does, so that each one's admin port is known before it
		// starts (it lists the port it bound in Eureka either way).
		int[] schedulerPorts = FreePorts.pick(schedulers);
		launched.add(launch(table, layout, "scheduler",
				command.build(ServiceKind.SCHEDULER, 0, schedulerPorts[0], info.registryUrl())));
		for (int i = 1; i < schedulers; i++) {
			// standbys: the broker gives the request queue to one consumer at a time (single active consumer)
			launched.add(launch(table, layout, "scheduler-" + i,
					command.build(ServiceKind.SCHEDULER, i, schedulerPorts[i], info.registryUrl())));
		}
		for (int i = 0; i < engines; i++) {
			List<String> engine = command.build(ServiceKind.ENGINE, i, 0, info.registryUrl());
			EngineSupervisor.recordCommand(layout, ServiceCommand.engineName(i), engine);
			launched.add(launch(table, layout, ServiceCommand.engineName(i), engine));
		}
		return launched;
	}

	private Launched launchRegistry(ClusterLayout layout, ServiceCommand command, ConnectionInfo info) {
		return launch(layout.processTable(), layout, "registry",
				command.build(ServiceKind.REGISTRY, 0, port(info.registryUrl()), info.registryUrl()));
	}

	private ServiceProcess launchSupervisor(ProcessTable table, ClusterLayout layout, EngineRestarts restarts) {
		// a loop over pid files once a second: the smallest JVM that does it
		List<String> command = new ArrayList<>(List.of(ServiceCommand.defaultJava().toString(), "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-Xmx16m", "-Xss256k", "-XX:ReservedCodeCacheSize=16m",
				"-XX:MaxMetaspaceSize=48m", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
				"io.jparallel.launcher.Jpcluster", "supervise", "--profile-dir", layout.profileDir().toString()));
		command.addAll(restarts.arguments());
		return launch(table, layout, ServiceProcess.SUPERVISOR, command).process();
	}

	private Launched launch(ProcessTable table, ClusterLayout layout, String name, List<String> command) {
		return launch(table, layout, name, command, Map.of());
	}

	private Launched launch(ProcessTable table, ClusterLayout layout, String name, List<String> command,
			Map<String, String> environment) {
		appendRunHeader(table.logFile(name));
		Process process = this.spawner.spawn(command, environment, layout.profileDir(), table.logFile(name));
		ServiceProcess recorded = ServiceProcess.of(name, process.toHandle(), table.logFile(name));
		table.record(recorded);
		return new Launched(recorded, process);
	}

	private List<EngineInfo> awaitEngines(ConnectionInfo info, List<Launched> launched, ClusterOptions options,
			long started) {
		HubClient hub = new HubClient(info.hubUrl());
		long deadline = started + options.timeout().toNanos();
		long lastProgress = System.nanoTime();
		int expected = options.engines();
		Set<String> announced = new HashSet<>();
		while (true) {
			for (Launched service : launched) {
				if (!service.os().isAlive()) {
					throw new ClusterStartException(service.process().name() + " exited with code "
							+ service.os().exitValue() + " while the cluster was starting\n"
							+ LogTail.format(service.process().logFile(), LOG_TAIL_LINES));
				}
			}
			List<EngineInfo> registered = hub.engines()
				.map(all -> all.stream().filter(EngineInfo::isRegistered).toList())
				.orElse(List.of());
			for (EngineInfo engine : registered) {
				if (announced.add(engine.id())) {
					this.out.printf(Locale.ROOT, "engine %s registered (%d/%d, %.1f s)%n", engine.id(), announced.size(),
							expected, seconds(started));
					lastProgress = System.nanoTime();
				}
			}
			if (registered.size() >= expected) {
				return registered;
			}
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				throw new ClusterStartException(String.format(Locale.ROOT,
						"Timed out after %d s: %d/%d engines registered with the hub at %s\n%s%s",
						options.timeout().toSeconds(), registered.size(), expected, info.hubUrl(),
						LogTail.format(launched.get(0).process().logFile(), LOG_TAIL_LINES),
						LogTail.format(launched.get(launched.size() - 1).process().logFile(), LOG_TAIL_LINES)));
			}
			if (now - lastProgress >= PROGRESS_INTERVAL.toNanos()) {
				this.out.printf(Locale.ROOT, "waiting for engines: %d/%d registered (%.1f s)%n", registered.size(),
						expected, seconds(started));
				lastProgress = now;
			}
			Waits.pause(POLL);
		}
	}

	/** Logs are appended across runs; a header tells where this run's output begins. */
	private static void appendRunHeader(java.nio.file.Path log) {
		appendHeader(log, "jpcluster start");
	}

	static void appendHeader(java.nio.file.Path log, String what) {
		try {
			java.nio.file.Files.createDirectories(log.getParent());
			java.nio.file.Files.writeString(log, "=== " + what + " " + java.time.Instant.now() + " ===\n",
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Cannot write " + log, ex);
		}
	}

	private static int port(String url) {
		return java.net.URI.create(url).getPort();
	}

	static String profileArgument(ClusterLayout layout) {
		String name = layout.profileDir().getFileName().toString();
		if (layout.profileDir().equals(ConnectionFiles.profileDir(ConnectionFiles.defaultProfile()).toAbsolutePath()
			.normalize())) {
			return "";
		}
		return name.startsWith("profile_") ? " --profile " + name.substring("profile_".length()) : "";
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and the hook runs
		}
	}

	/** A started service: the recorded process and the OS process handle that knows its exit code. */
	private record Launched(ServiceProcess process, Process os) {
	}

}
