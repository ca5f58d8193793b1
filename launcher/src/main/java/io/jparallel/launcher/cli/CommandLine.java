package io.jparallel.launcher.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.EngineRestarts;
import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * Parses {@code jpcluster} arguments. Options take their value as the next argument or after {@code =}
 * ({@code --profile foo}, {@code --profile=foo}); unknown options are errors rather than being ignored, so
 * a typo never starts a cluster with defaults the user did not want.
 */
public final class CommandLine {

	public static final String USAGE = """
			Usage: jpcluster <command> [options]

			Commands:
			  start   Start a broker (unless given), registry, hub, scheduler and N engines; wait for the engines
			  stop    Stop every process of the profile's cluster and its private broker
			  status  Show processes, broker and registered engines
			  console Open a JShell with a client connected to the cluster (rc, dview, lview) and the
			          %px, %%px, %autopx, %pxresult magics
			  kernel  CONNECTION_FILE: run a Jupyter kernel connected to the cluster (Jupyter starts it);
			          kernel install [--prefix DIR]: write the 'jparallel' kernelspec (in ~/.local/share/jupyter,
			          or DIR/share/jupyter); --profile / --profile-dir pin the cluster its kernels use
			  help    Show this text

			Options:
			  -n, --engines N        number of engines (start; default: number of CPUs)
			  --profile NAME         profile (default: $JPARALLEL_PROFILE or "default");
			                         its directory is $JPARALLEL_DIR/profile_NAME (JPARALLEL_DIR defaults to ~/.jparallel)
			  --profile-dir DIR      use this profile directory instead
			  --broker AMQP_URI      use this broker (start; default: $JPARALLEL_BROKER_URL, else a private RabbitMQ node);
			                         the URI carries an administrator's credentials: jpcluster creates the cluster's
			                         own broker user (jp-<cluster id>), which alone goes into the connection files,
			                         and deletes it on stop. amqps://... connects every process with TLS
			  --broker-management URL  the broker's management HTTP API (start; default: $JPARALLEL_BROKER_MANAGEMENT_URL,
			                         else http://<broker host>:15672)
			  --broker-ca FILE       PEM CA certificate to trust for an amqps broker (start; default: $JPARALLEL_BROKER_CA,
			                         else the JVM's trust store); copied into the connection files
			  --cluster-id ID        cluster id, prefix of its queues (start; default: 8 random hex digits)
			  --timeout SECONDS      how long to wait for the engines (start; default: 120)
			  --scheme NAME          how the scheduler places load-balanced tasks (start): leastload (default),
			                         lru, plainrandom, twobin, weighted, or pure (one shared queue, no dependencies)
			  --hwm N                most tasks the scheduler gives one engine at a time, 0 = no limit (start; default:
			                         adaptive, 16 raised up to 256 for engines that finish tasks quickly)
			  --max-restarts N       the supervisor restarts an engine that dies, at most N times per window,
			                         0 = never (start; default 5)
			  --restart-window SECONDS  that window (start; default 60)
			  --schedulers N         schedulers to run: one takes requests, the others stand by and take over,
			                         with its unfinished work, when it dies (start; default 1)

			Environment: JPARALLEL_JVM_OPTS is appended to every service's JVM options.
			Exit codes: 0 ok/running, 1 failure, 2 usage error, 3 not running (status), 4 already running (start).
			""";

	private static final Set<String> COMMANDS = Set.of("start", "stop", "status", "help", "supervise", "console", "kernel");

	private final int defaultEngines;

	public CommandLine() {
		this(Runtime.getRuntime().availableProcessors());
	}

	public CommandLine(int defaultEngines) {
		this.defaultEngines = defaultEngines;
	}

	public Command parse(List<String> args) {
		Deque<String> rest = new ArrayDeque<>(args);
		if (rest.isEmpty()) {
			throw new UsageException("No command given");
		}
		String name = rest.poll();
		if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
			return new Command.Help();
		}
		if (!COMMANDS.contains(name)) {
			throw new UsageException("Unknown command '" + name + "'");
		}
		boolean start = name.equals("start");
		Integer engines = null;
		String profile = null;
		Path profileDir = null;
		String broker = null;
		String brokerManagement = null;
		Path brokerCa = null;
		String clusterId = null;
		Duration timeout = null;
		List<String> schedulerOptions = new java.util.ArrayList<>();
		Integer maxRestarts = null;
		int schedulers = 1;
		Integer restartWindow = null;
		boolean supervise = name.equals("supervise");
		boolean kernel = name.equals("kernel");
		List<String> positional = new java.util.ArrayList<>();
		Path prefix = null;
		while (!rest.isEmpty()) {
			String arg = rest.poll();
			String option = arg;
			String inlineValue = null;
			if (arg.startsWith("--") && arg.contains("=")) {
				option = arg.substring(0, arg.indexOf('='));
				inlineValue = arg.substring(arg.indexOf('=') + 1);
			}
			switch (option) {
				case "-h", "--help" -> {
					return new Command.Help();
				}
				case "--profile" -> profile = value(option, inlineValue, rest);
				case "--profile-dir" -> profileDir = Path.of(value(option, inlineValue, rest));
				case "-n", "--n", "--engines" -> engines = positiveInt(option, value(option, inlineValue, rest));
				case "--broker" -> broker = startOnly(start, option, value(option, inlineValue, rest));
				case "--broker-management" -> brokerManagement = startOnly(start, option, value(option, inlineValue, rest));
				case "--broker-ca" -> brokerCa = Path.of(startOnly(start, option, value(option, inlineValue, rest)));
				case "--cluster-id" -> clusterId = startOnly(start, option, value(option, inlineValue, rest));
				case "--timeout" -> timeout = Duration
					.ofSeconds(positiveInt(option, startOnly(start, option, value(option, inlineValue, rest))));
				case "--scheme" -> schedulerOptions
					.add("-Djparallel.scheduler.scheme=" + scheme(startOnly(start, option, value(option, inlineValue, rest))));
				case "--hwm" -> schedulerOptions
					.add("-Djparallel.scheduler.hwm=" + hwm(startOnly(start, option, value(option, inlineValue, rest))));
				case "--max-restarts" -> maxRestarts = nonNegativeInt(option,
						startOnly(start || supervise, option, value(option, inlineValue, rest)));
				case "--schedulers" -> schedulers = positiveInt(option,
						startOnly(start, option, value(option, inlineValue, rest)));
				case "--restart-window" -> restartWindow = positiveInt(option,
						startOnly(start || supervise, option, value(option, inlineValue, rest)));
				case "--prefix" -> {
					if (!kernel) {
						throw new UsageException("--prefix is an option of kernel install only");
					}
					prefix = Path.of(value(option, inlineValue, rest));
				}
				default -> {
					if (!kernel || arg.startsWith("-")) {
						throw new UsageException("Unknown option '" + arg + "' for " + name);
					}
					positional.add(arg);
				}
			}
		}
		if (engines != null && !start) {
			throw new UsageException("-n is an option of start only");
		}
		if (profile != null && profileDir != null) {
			throw new UsageException("Give either --profile or --profile-dir, not both");
		}
		Path dir = (profileDir != null) ? profileDir
				: ConnectionFiles.profileDir((profile != null) ? profile : ConnectionFiles.defaultProfile());
		EngineRestarts restarts = new EngineRestarts(
				(maxRestarts != null) ? maxRestarts : EngineRestarts.DEFAULT.max(),
				(restartWindow != null) ? Duration.ofSeconds(restartWindow) : EngineRestarts.DEFAULT.window());
		return switch (name) {
			case "stop" -> new Command.Stop(dir);
			case "supervise" -> new Command.Supervise(dir, restarts);
			case "status" -> new Command.Status(dir);
			case "console" -> new Command.Console(dir);
			case "kernel" -> {
				if (positional.size() == 1 && positional.get(0).equals("install")) {
					yield new Command.KernelInstall(prefix,
							(profile != null || profileDir != null) ? dir.toAbsolutePath().normalize() : null);
				}
				if (positional.size() != 1 || prefix != null) {
					throw new UsageException("kernel takes a Jupyter connection file, or install [--prefix DIR]");
				}
				yield new Command.Kernel(Path.of(positional.get(0)), dir);
			}
			default -> {
				ClusterOptions options = ClusterOptions.of((engines != null) ? engines : this.defaultEngines)
					.withProfileDir(dir)
					.withClusterId(clusterId);
				if (broker != null) {
					options = options.withBrokerUri(broker);
				}
				if (brokerManagement != null) {
					options = options.withBrokerManagementUrl(brokerManagement);
				}
				if (brokerCa != null) {
					options = options.withBrokerCaFile(brokerCa);
				}
				if (timeout != null) {
					options = options.withTimeout(timeout);
				}
				if (!schedulerOptions.isEmpty()) {
					List<String> jvmOptions = new java.util.ArrayList<>(options.extraJvmOptions());
					jvmOptions.addAll(schedulerOptions);
					options = options.withExtraJvmOptions(jvmOptions);
				}
				yield new Command.Start(options, restarts, schedulers);
			}
		};
	}

	private static String value(String option, String inlineValue, Deque<String> rest) {
		if (inlineValue != null) {
			if (inlineValue.isEmpty()) {
				throw new UsageException("Option " + option + " needs a value");
			}
			return inlineValue;
		}
		String next = rest.poll();
		if (next == null || next.isEmpty() || (next.startsWith("-") && !next.matches("-\\d+"))) {
			throw new UsageException("Option " + option + " needs a value");
		}
		return next;
	}

	private static final Set<String> SCHEMES = Set.of("pure", "lru", "leastload", "plainrandom", "twobin", "weighted");

	private static String scheme(String value) {
		String scheme = value.strip().toLowerCase(java.util.Locale.ROOT);
		if (!SCHEMES.contains(scheme)) {
			throw new UsageException("Unknown scheme '" + value + "': expected one of leastload, lru, plainrandom, twobin, weighted, pure");
		}
		return scheme;
	}

	private static String hwm(String value) {
		try {
			int hwm = Integer.parseInt(value.strip());
			if (hwm >= 0) {
				return String.valueOf(hwm);
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("--hwm needs a whole number, 0 or more, was '" + value + "'");
	}

	private static String startOnly(boolean start, String option, String value) {
		if (!start) {
			throw new UsageException(option + " is an option of start only");
		}
		return value;
	}

	private static int nonNegativeInt(String option, String value) {
		return (value.strip().equals("0")) ? 0 : positiveInt(option, value);
	}

	private static int positiveInt(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number < 1) {
				throw new UsageException(option + " must be at least 1, was " + number);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new UsageException(option + " needs a whole number, was '" + value + "'");
		}
	}

}
