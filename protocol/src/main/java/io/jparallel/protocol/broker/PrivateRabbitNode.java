package io.jparallel.protocol.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


/**
 * A RabbitMQ node of our own, run from the installed {@code rabbitmq-server} without root and without
 * touching the system node: its own {@code HOME} (Erlang cookie), node name {@code jp<port>@localhost},
 * AMQP, distribution and epmd ports, configuration, and Mnesia/log directories under one data directory.
 * The epmd port is private too, so stopping the node can stop "its" epmd without asking whether another
 * node on the machine still needs it.
 * <p>
 * The node never has a {@code guest} user: its one initial user is an administrator with a random
 * password ({@link #adminUser()}, in {@link #uri()}), and the management HTTP API listens on 127.0.0.1
 * ({@link #managementUrl()}) so that users can be created later; or, for {@code jpcluster}'s own node,
 * the cluster's user is in the node from its first boot ({@link #launch(Path, List, List)}) and there is no
 * management plugin. Extra
 * {@code rabbitmq.conf} lines (a TLS listener, say) can be passed to {@link #start(Path, Duration, List)}.
 * <p>
 * Used by {@code jpcluster start} when no broker is given and by tests:
 * <pre>{@code
 * try (PrivateRabbitNode node = PrivateRabbitNode.start(dir)) {
 *     connectionFactory.setUri(node.uri());
 * }
 * }</pre>
 * A node started by one JVM can be stopped by another with {@code PrivateRabbitNode.find(dir)}.
 */
public final class PrivateRabbitNode implements AutoCloseable {

	/** Default time for a node to come up; about 5 s cold on a quiet machine. */
	public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL = Duration.ofMillis(100);

	/**
	 * Erlang's process table is allocated whole at boot for the most processes a node may run: RabbitMQ's
	 * default of 1,048,576 cost 18 MiB of the node's resident memory. A private node serves one cluster or
	 * one test run: a 64-engine cluster runs a few thousand (a connection or a channel is a handful of
	 * processes, a queue two or three).
	 */
	static final int MAX_ERLANG_PROCESSES = 131_072;

	/** Likewise the atom table (RabbitMQ's default 5,000,000); queue and user names are not atoms. */
	static final int MAX_ATOMS = 1_048_576;

	/**
	 * Multiblock carriers of at most 512 KiB for every allocator (RabbitMQ's own arguments set that for binaries
	 * and process heaps only; ETS and the other allocators grow theirs to 5 MiB, mostly empty on an idle node)
	 * and 5 cached segments instead of RabbitMQ's 30. A bare node booted resident 144 MiB with RabbitMQ's
	 * defaults, 126 with the smaller tables, 110 with these as well.
	 */
	static final String MEMORY_ERL_ARGS = "+Mulmbcs 512 +MMmcs 5";

	private final Path dataDir;

	private final RabbitNodeRecord record;

	/** The node's process when this JVM launched it (null for a node found from its record). */
	private Process server;

	/** Where the wait for "Server startup complete" has read the node's log to. */
	private final BootLog bootLog = new BootLog();

	private PrivateRabbitNode(Path dataDir, RabbitNodeRecord record) {
		this.dataDir = dataDir;
		this.record = record;
	}

	/** The directory of the RabbitMQ scripts; {@code JPARALLEL_RABBITMQ_BIN} overrides it. */
	public static Path rabbitBinDir() {
		String configured = System.getenv("JPARALLEL_RABBITMQ_BIN");
		return (configured != null && !configured.isBlank()) ? Path.of(configured) : Path.of("/usr/lib/rabbitmq/bin");
	}

	/** Whether rabbitmq-server is installed where this class looks for it. */
	public static boolean isInstalled() {
		return Files.isExecutable(rabbitBinDir().resolve("rabbitmq-server"))
				&& Files.isExecutable(rabbitBinDir().resolve("rabbitmqctl"));
	}

	public static PrivateRabbitNode start(Path dataDir) {
		return start(dataDir, DEFAULT_START_TIMEOUT);
	}

	public static PrivateRabbitNode start(Path dataDir, Duration timeout) {
		return start(dataDir, timeout, List.of());
	}

	/** The name of the node's administrator, its only user when it starts. */
	public static final String ADMIN_USER = "jp-admin";

	/**
	 * Starts a node with its state under {@code dataDir} and returns once it accepts AMQP connections.
	 * Fails, leaving nothing running, if it is not up within {@code timeout}.
	 * @param extraConfig lines appended to the node's {@code rabbitmq.conf}, e.g.
	 * {@code listeners.ssl.default = 127.0.0.1:5671} and {@code ssl_options.*}
	 */
	public static PrivateRabbitNode start(Path dataDir, Duration timeout, List<String> extraConfig) {
		PrivateRabbitNode node = launch(dataDir, extraConfig);
		node.awaitStarted(timeout);
		return node;
	}

	/**
	 * Starts a node without waiting for it: its ports, administrator and URIs are known at once, so that
	 * what needs the broker can start meanwhile and wait for it; {@link #awaitStarted} waits.
	 */
	public static PrivateRabbitNode launch(Path dataDir, List<String> extraConfig) {
		return launch(dataDir, extraConfig, List.of());
	}

	/**
	 * Starts a node, without waiting for it, that has {@code users} (each with its virtual host and
	 * permissions) from its first boot, imported from a definitions file. Such a node runs without the
	 * management plugin, which it would need only to create users later: that saves about half a CPU-second
	 * and 15-25 MiB of the node's start, and what connects as one of the users may do so as soon as the node
	 * listens. Its {@link #managementUrl()} is then {@code null}. With no users this is
	 * {@link #launch(Path, List)}.
	 */
	public static PrivateRabbitNode launch(Path dataDir, List<String> extraConfig, List<BootUser> users) {
		if (!isInstalled()) {
			throw new IllegalStateException("RabbitMQ is not installed (no " + rabbitBinDir().resolve("rabbitmq-server")
					+ "): run scripts/install-prereqs.sh, or pass a broker with --broker / JPARALLEL_BROKER_URL");
		}
		Path dir = dataDir.toAbsolutePath();
		find(dir).ifPresent(running -> {
			throw new IllegalStateException("A RabbitMQ node started from " + dir + " is already running: "
					+ running.record.nodeName() + " (pid " + running.record.pid() + ")");
		});
		int[] ports = FreePorts.pick(4);
		String nodeName = "jp" + ports[0] + "@localhost";
		String adminPassword = randomPassword();
		boolean management = users.isEmpty();
		int managementPort = management ? ports[3] : 0;
		Map<String, String> environment = prepare(dir, nodeName, ports[0], ports[1], ports[2],
				adminConfig(managementPort, adminPassword, extraConfig),
				management ? null : BootDefinitions.json(ADMIN_USER, adminPassword, users));
		Process server = new ProcessSpawner().spawn(List.of(rabbitBinDir().resolve("rabbitmq-server").toString()),
				environment, dir, dir.resolve("log").resolve("server.out"));
		RabbitNodeRecord record = new RabbitNodeRecord(nodeName, ports[0], ports[1], ports[2], server.pid(),
				server.info().startInstant().orElse(null), managementPort, ADMIN_USER, adminPassword);
		record.write(dir);
		PrivateRabbitNode node = new PrivateRabbitNode(dir, record);
		node.server = server;
		return node;
	}

	/**
	 * Waits until a node this JVM {@link #launch launched} is up, with its management API. Fails, leaving
	 * nothing of the node running, if it is not up within {@code timeout}.
	 */
	public void awaitStarted(Duration timeout) {
		if (this.server == null) {
			throw new IllegalStateException("Only the JVM that launched " + this.record.nodeName() + " can wait for it");
		}
		try {
			awaitReady(this.server, timeout);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	/** The node started from {@code dataDir}, if it is still running (possibly started by another JVM). */
	public static Optional<PrivateRabbitNode> find(Path dataDir) {
		Path dir = dataDir.toAbsolutePath();
		return RabbitNodeRecord.read(dir)
			.filter(record -> record.process().isPresent())
			.map(record -> new PrivateRabbitNode(dir, record));
	}

	/**
	 * Stops whatever a node started from {@code dataDir} left behind: the node if it runs, and its epmd.
	 * Returns whether there was a record of a node.
	 */
	public static boolean stop(Path dataDir) {
		Path dir = dataDir.toAbsolutePath();
		Optional<RabbitNodeRecord> record = RabbitNodeRecord.read(dir);
		record.ifPresent(r -> new PrivateRabbitNode(dir, r).stop());
		return record.isPresent();
	}

	/** The administrator's AMQP URI, {@code amqp://jp-admin:<password>@127.0.0.1:<port>}. */
	public String uri() {
		return this.record.uri();
	}

	/** The management HTTP API, {@code http://127.0.0.1:<port>}, where the administrator may create users. */
	public String managementUrl() {
		return this.record.managementUrl();
	}

	public String adminUser() {
		return this.record.adminUser();
	}

	public String adminPassword() {
		return this.record.adminPassword();
	}

	public int port() {
		return this.record.port();
	}

	public String nodeName() {
		return this.record.nodeName();
	}

	/** The pid of the node's root process (the rabbitmq-server script). */
	public long pid() {
		return this.record.pid();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public RabbitNodeRecord record() {
		return this.record;
	}

	public boolean isRunning() {
		return this.record.process().isPresent();
	}

	/** The node's processes as they are now: the script, the Erlang VM and its helpers. */
	public List<ProcessHandle> processes() {
		return this.record.process().map(ProcessTrees::snapshot).orElse(List.of());
	}

	/**
	 * Stops the node and everything it started: a clean {@code rabbitmqctl shutdown} first, then signals to
	 * whatever survives, then its epmd. Returns once none of its processes runs and its ports are closed.
	 * Safe to call more than once.
	 */
	public void stop() {
		Optional<ProcessHandle> root = this.record.process();
		if (root.isPresent()) {
			List<ProcessHandle> tree = ProcessTrees.snapshot(root.get());
			try {
				ctl(environment(), SHUTDOWN_TIMEOUT, "-n", this.record.nodeName(), "shutdown");
			}
			catch (RuntimeException ex) {
				// The node may be half up or wedged; the signals below end it either way.
			}
			if (!Waits.until(() -> !ProcessTrees.anyAlive(tree), Duration.ofSeconds(10), POLL)) {
				ProcessTrees.terminate(root.get(), Duration.ofSeconds(5));
				ProcessTrees.kill(tree);
			}
		}
		stopEpmd();
		Waits.until(() -> !FreePorts.isListening(this.record.port()) && !FreePorts.isListening(this.record.distPort()),
				Duration.ofSeconds(5), POLL);
		RabbitNodeRecord.delete(this.dataDir);
		deleteRecursively(this.dataDir.resolve("mnesia"));
	}

	/**
	 * Stops RabbitMQ on this node ({@code rabbitmqctl stop_app}) as an operator stopping the broker would:
	 * every connection is dropped and the queues stop; the Erlang node stays, with its ports and data.
	 * {@link #startApplication()} starts it again, recovering durable queues with their persistent messages.
	 */
	public void stopApplication() {
		ctl(environment(), SHUTDOWN_TIMEOUT, "-n", this.record.nodeName(), "stop_app");
	}

	/** Starts RabbitMQ again after {@link #stopApplication()} and waits until it serves. */
	public void startApplication() {
		ctl(environment(), DEFAULT_START_TIMEOUT, "-n", this.record.nodeName(), "start_app");
		ctl(environment(), DEFAULT_START_TIMEOUT, "-n", this.record.nodeName(), "await_startup");
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "PrivateRabbitNode[" + this.record.nodeName() + ", port " + this.record.port() + ", management "
				+ this.record.managementPort() + ", pid " + this.record.pid() + "]";
	}

	/**
	 * Waits until the node's log says boot finished and its AMQP port listens. That is the fact
	 * {@code rabbitmqctl wait} establishes, without starting the CLI's own Erlang VM: about a CPU-second
	 * less on a start that competes with the cluster's JVMs for the same cores.
	 */
	private void awaitReady(Process server, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long seconds = Math.max(1, timeout.toSeconds());
		try {
			while (!bootCompleteAndListening()) {
				if (!server.isAlive()) {
					throw new IllegalStateException("RabbitMQ node " + this.record.nodeName() + " exited with code "
							+ server.exitValue() + " while starting\n" + LogTail.format(serverLog(), 30));
				}
				if (System.nanoTime() - deadline >= 0) {
					throw new IllegalStateException("RabbitMQ node " + this.record.nodeName() + " did not start within "
							+ seconds + " s\n" + LogTail.format(serverLog(), 30));
				}
				server.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for RabbitMQ", ex);
		}
		if (!Waits.until(() -> FreePorts.isListening(this.record.port()), Duration.ofSeconds(10), POLL)) {
			throw new IllegalStateException("RabbitMQ node " + this.record.nodeName() + " is up but port "
					+ this.record.port() + " does not accept connections");
		}
		if (this.record.managementPort() != 0
				&& !Waits.until(() -> FreePorts.isListening(this.record.managementPort()), Duration.ofSeconds(30), POLL)) {
			throw new IllegalStateException("RabbitMQ node " + this.record.nodeName() + " is up but its management port "
					+ this.record.managementPort() + " does not accept connections\n" + LogTail.format(serverLog(), 30));
		}
	}

	/** Whether the node's log says boot finished and its AMQP port accepts connections. */
	private boolean bootCompleteAndListening() {
		Path log = this.dataDir.resolve("log").resolve(this.record.nodeName() + ".log");
		if (!FreePorts.isListening(this.record.port()) || !Files.isRegularFile(log)) {
			return false;
		}
		return this.bootLog.saysBootCompleted(log);
	}

	private void stopEpmd() {
		if (!FreePorts.isListening(this.record.epmdPort())) {
			return;
		}
		try {
			ctlLike(List.of(epmdCommand(), "-port", Integer.toString(this.record.epmdPort()), "-kill"));
		}
		catch (RuntimeException ex) {
			// checked below
		}
		Waits.until(() -> !FreePorts.isListening(this.record.epmdPort()), Duration.ofSeconds(5), POLL);
	}

	private static String epmdCommand() {
		for (String candidate : List.of("/usr/bin/epmd", "/usr/lib/erlang/bin/epmd")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return "epmd";
	}

	private void ctlLike(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(ctlLog().toFile()));
		builder.environment().putAll(environment());
		runToCompletion(builder, Duration.ofSeconds(10), String.join(" ", command));
	}

	private void ctl(Map<String, String> environment, Duration timeout, String... args) {
		Process process = spawnCtl(environment, args);
		finish(process, timeout, "rabbitmqctl " + String.join(" ", args));
	}

	private Process spawnCtl(Map<String, String> environment, String... args) {
		List<String> command = new java.util.ArrayList<>();
		command.add(rabbitBinDir().resolve("rabbitmqctl").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dataDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(ctlLog().toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().putAll(environment);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command, ex);
		}
	}

	private static void runToCompletion(ProcessBuilder builder, Duration timeout, String description) {
		try {
			finish(builder.start(), timeout, description);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + description, ex);
		}
	}

	private static void finish(Process process, Duration timeout, String description) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				ProcessTrees.kill(ProcessTrees.snapshot(process.toHandle()));
				throw new IllegalStateException(description + " did not finish within " + timeout.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(description + " exited with " + process.exitValue());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + description, ex);
		}
	}

	private Path serverLog() {
		return this.dataDir.resolve("log").resolve("server.out");
	}

	private Path ctlLog() {
		return this.dataDir.resolve("log").resolve("rabbitmqctl.out");
	}

	private Map<String, String> environment() {
		return environment(this.dataDir, this.record.nodeName(), this.record.port(), this.record.distPort(),
				this.record.epmdPort());
	}

	/**
	 * The node's users and management listener: {@code default_user} replaces {@code guest}, which is
	 * therefore never created; the management API listens on loopback only.
	 */
	private static List<String> adminConfig(int managementPort, String adminPassword, List<String> extraConfig) {
		List<String> lines = new java.util.ArrayList<>(List.of("default_user = " + ADMIN_USER,
				"default_pass = " + adminPassword, "default_user_tags.administrator = true",
				"default_permissions.configure = .*", "default_permissions.read = .*", "default_permissions.write = .*"));
		if (managementPort != 0) {
			lines.addAll(List.of("management.tcp.ip = 127.0.0.1", "management.tcp.port = " + managementPort));
		}
		lines.addAll(extraConfig);
		return lines;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A new file readable by its owner only (created so, never readable by others in between). */
	private static void writeOwnerOnly(Path file, String text) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file, java.nio.file.attribute.PosixFilePermissions
			.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, text);
	}

	/** Writes the node's files and returns the environment of its scripts. */
	private static Map<String, String> prepare(Path dir, String nodeName, int port, int distPort, int epmdPort,
			List<String> extraConfig, String definitions) {
		try {
			deleteRecursively(dir.resolve("mnesia"));
			for (String sub : List.of("home", "mnesia", "log")) {
				Files.createDirectories(dir.resolve(sub));
			}
			Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
			Files.writeString(dir.resolve("enabled_plugins"),
					(definitions == null) ? "[rabbitmq_management].\n" : "[].\n");
			List<String> config = new java.util.ArrayList<>(List.of("listeners.tcp.default = 127.0.0.1:" + port,
					"loopback_users = none", "max_message_size = 536870912"));
			config.addAll(extraConfig);
			Path definitionsFile = dir.resolve("definitions.json");
			Files.deleteIfExists(definitionsFile);
			if (definitions != null) {
				// holds password hashes
				writeOwnerOnly(definitionsFile, definitions);
				config.add("load_definitions = " + definitionsFile);
			}
			config.add("");
			// holds the administrator's password
			writeOwnerOnly(dir.resolve("rabbitmq.conf"), String.join("\n", config));
			Files.deleteIfExists(dir.resolve("rabbitmq.pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare RabbitMQ data directory " + dir, ex);
		}
		return environment(dir, nodeName, port, distPort, epmdPort);
	}

	private static Map<String, String> environment(Path dir, String nodeName, int port, int distPort, int epmdPort) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("HOME", dir.resolve("home").toString());
		env.put("RABBITMQ_NODENAME", nodeName);
		env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
		env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
		env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
		env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		// Keeps the distribution listener off other interfaces.
		env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
				"-kernel inet_dist_use_interface {127,0,0,1} " + distributionFromBoot(nodeName, distPort) + " "
						+ MEMORY_ERL_ARGS);
		env.put("RABBITMQ_MAX_NUMBER_OF_PROCESSES", Integer.toString(MAX_ERLANG_PROCESSES));
		env.put("RABBITMQ_MAX_NUMBER_OF_ATOMS", Integer.toString(MAX_ATOMS));
		env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
		env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
		env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
		env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
		env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
		env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
		return env;
	}

	/**
	 * Erlang distribution started by the VM itself, under the node's name and on its port. Otherwise
	 * RabbitMQ's prelaunch starts it, and first boots a second Erlang VM only to make sure epmd runs
	 * ({@code erl -sname epmd-starter-<n> -s erlang halt}): 0.4 CPU-seconds alone, 1.9 s of the node's boot
	 * in a cluster start on two cores, waited for. A VM that is already distributed under the node's name
	 * skips that step; it starts epmd itself ({@code epmd -daemon}, on {@code ERL_EPMD_PORT}) as the
	 * starter would have. {@code rabbitmqctl} reaches it as before, with the cookie it writes to its
	 * {@code HOME}.
	 */
	static String distributionFromBoot(String nodeName, int distPort) {
		return "-sname " + nodeName + " -kernel inet_dist_listen_min " + distPort + " -kernel inet_dist_listen_max "
				+ distPort;
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// Leftover Mnesia files waste disk space but never break the next start (new node name).
		}
	}

}
