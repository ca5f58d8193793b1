package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * The command line of one service process: {@code java <jvm options> -cp <jar>:<lib>/* <main class>}
 * with the system properties that point it at the cluster. Services read everything else from the config
 * repository and the engine connection file.
 *
 * @param java the java executable
 * @param home the JParallel installation (the repository root, with built modules)
 * @param layout the profile
 * @param extraJvmOptions appended after the defaults, so they win
 * @param engineJvmOptions appended after {@code extraJvmOptions} for engines only
 */
public record ServiceCommand(Path java, Path home, ClusterLayout layout, List<String> extraJvmOptions,
		List<String> engineJvmOptions) {

	/**
	 * The longest a registry's start is held for a quiet machine (its {@code QuietStart}): after a start the
	 * user's first calls come first, and the registry is niced, off the start path and waited on by nothing.
	 */
	static final Duration REGISTRY_QUIET_START = Duration.ofSeconds(30);

	public ServiceCommand {
		extraJvmOptions = List.copyOf(extraJvmOptions);
		engineJvmOptions = List.copyOf(engineJvmOptions);
	}

	public ServiceCommand(Path java, Path home, ClusterLayout layout, List<String> extraJvmOptions) {
		this(java, home, layout, extraJvmOptions, List.of());
	}

	/** {@code $JAVA_HOME/bin/java} if it exists, else the java running the launcher. */
	public static Path defaultJava() {
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			Path java = Path.of(javaHome, "bin", "java");
			if (Files.isExecutable(java)) {
				return java;
			}
		}
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/** The name of engine {@code instance} in the process table and logs. */
	public static String engineName(int instance) {
		return "engine-" + instance;
	}

	public Path jar(ServiceKind kind) {
		return this.home.resolve(kind.module()).resolve("target").resolve(kind.module() + ".jar");
	}

	/** Fails with the fix in the message if a service was not built. */
	public void checkBuilt() {
		for (ServiceKind kind : ServiceKind.values()) {
			if (!Files.isRegularFile(jar(kind))) {
				throw new ClusterStartException("Missing " + jar(kind) + ": run 'mvn package -DskipTests' in "
						+ this.home + " first (JParallel home is " + this.home
						+ "; set it with -Djparallel.home=... or run bin/jpcluster)");
			}
		}
	}

	/**
	 * Class data sharing: a service's loaded classes, archived by one instance when it exits, make
	 * later starts of that service load and verify far fewer classes (a large share of the CPU a
	 * Spring Boot service spends starting, and the cluster starts many on few cores). The archive is
	 * rebuilt when the service's jars are newer than it.
	 * <p>
	 * Every archive (the JDK's own included) is mapped at the address it was built for. JDK 17.0.15's
	 * default, {@code ArchiveRelocationMode=1}, maps it elsewhere and rewrites every pointer in it: that
	 * made a private copy of each page (the hub's 130 MiB archive became 108 MiB of its own memory, and
	 * four engines could not share theirs) and cost about 0.1 CPU-s per start. At the built address the
	 * read-only part stays a clean file mapping shared by every process of a kind; the JVM still
	 * relocates if that address is taken.
	 */
	List<String> classDataSharing(ServiceKind kind, int instance) {
		Path archive = archive(kind);
		List<String> options = new ArrayList<>(MAP_AT_BUILT_ADDRESS);
		if (mapsArchive(kind)) {
			options.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
		}
		else if (instance == 0) {
			options.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
		}
		return options;
	}

	/**
	 * Whether to start the service from the application context Spring AOT wrote at build time
	 * ({@link ServiceKind#aot()}): only if its jar holds it, and only if no file of the config repo is newer
	 * than the jar. The build writes the context with the config repo as it was then (the parent pom points
	 * {@code process-aot} at it), and which beans exist is fixed in it: an endpoint exposed, a feature switched
	 * on or off by a later edit would otherwise be ignored. After such an edit the service starts as before,
	 * reading every condition at start, until the next build.
	 */
	boolean aheadOfTime(ServiceKind kind) {
		if (!builtAheadOfTime(kind)) {
			return false;
		}
		Path jar = jar(kind);
		Path configRepo = this.home.resolve("config-repo");
		if (!Files.isDirectory(configRepo)) {
			return true;
		}
		try (Stream<Path> files = Files.list(configRepo)) {
			return isFresh(jar, files.toArray(Path[]::new));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The C heap (glibc's malloc) handed back to the system every second: memory the JVM freed (compiler
	 * arenas, buffers of the start) otherwise stays resident. A 4-engine cluster's total RSS a second after
	 * start was 1,209-1,227 MiB with it, 1,258-1,264 without. Only for runtimes that have the option.
	 */
	List<String> nativeHeapTrim() {
		return JavaRelease.of(this.java).filter(JavaRelease::trimsNativeHeap).isPresent()
				? List.of("-XX:TrimNativeHeapInterval=1000") : List.of();
	}

	private static final List<String> MAP_AT_BUILT_ADDRESS = List.of("-XX:+UnlockDiagnosticVMOptions",
			"-XX:ArchiveRelocationMode=0");

	/** Whether every service has a class data sharing archive newer than its jars. */
	public boolean hasFreshArchives() {
		for (ServiceKind kind : ServiceKind.values()) {
			Path target = this.home.resolve(kind.module()).resolve("target");
			if (!isFresh(target.resolve(kind.module() + ".jsa"), jar(kind), target.resolve("lib"))) {
				return false;
			}
		}
		return true;
	}

	private Path archive(ServiceKind kind) {
		return this.home.resolve(kind.module()).resolve("target").resolve(kind.module() + ".jsa");
	}

	/** Whether the service starts from its class data sharing archive (one newer than its jars exists). */
	private boolean mapsArchive(ServiceKind kind) {
		Path target = this.home.resolve(kind.module()).resolve("target");
		return isFresh(archive(kind), jar(kind), target.resolve("lib"));
	}

	/** Whether the service's jar holds the application context Spring AOT wrote at build time. */
	private boolean builtAheadOfTime(ServiceKind kind) {
		if (!kind.aot()) {
			return false;
		}
		String initializer = kind.mainClass().replace('.', '/') + "__ApplicationContextInitializer.class";
		try (ZipFile zip = new ZipFile(jar(kind).toFile())) {
			return zip.getEntry(initializer) != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The services whose jar holds a build-time context that they will not start from, because a file of the
	 * config repo changed after the build ({@link #aheadOfTime}); empty when every such service will use it.
	 */
	public List<String> withoutTheirBuildTimeContext() {
		return Stream.of(ServiceKind.values())
			.filter((kind) -> builtAheadOfTime(kind) && !aheadOfTime(kind))
			.map(ServiceKind::module)
			.toList();
	}

	private static boolean isFresh(Path archive, Path... inputs) {
		try {
			if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
				return false;
			}
			long built = Files.getLastModifiedTime(archive).toMillis();
			for (Path input : inputs) {
				if (Files.exists(input) && Files.getLastModifiedTime(input).toMillis() > built) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * @param kind which service
	 * @param instance its number among the instances of its kind (engine number, else 0)
	 * @param port its HTTP port, 0 for any
	 * @param registryUrl the Eureka registry
	 */
	public List<String> build(ServiceKind kind, int instance, int port, String registryUrl) {
		Path target = this.home.resolve(kind.module()).resolve("target");
		List<String> command = new ArrayList<>();
		if (kind == ServiceKind.REGISTRY) {
			// nothing waits on the registry while a cluster starts: it yields the cores to the services that
			// are on the start path (the hub joins it once the engines have registered, see ClusterStarter)
			command.addAll(ProcessPriority.backgroundPrefix());
		}
		command.add(this.java.toString());
		command.addAll(kind.defaultJvmOptions());
		command.addAll(classDataSharing(kind, instance));
		command.addAll(nativeHeapTrim());
		if (aheadOfTime(kind)) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.addAll(this.extraJvmOptions);
		if (kind == ServiceKind.REGISTRY && mapsArchive(kind)) {
			// and it starts only once the machine is quiet, as the engines' JShell warm-ups do; not while it
			// records its archive, which a stop during the wait would leave without Spring's classes
			command.add("-Djparallel.registry.start-when-quiet=" + REGISTRY_QUIET_START.toSeconds());
		}
		if (kind == ServiceKind.ENGINE) {
			command.addAll(this.engineJvmOptions);
		}
		command.add("-Djparallel.config-repo=" + this.home.resolve("config-repo"));
		command.add("-Djparallel.connection-file=" + this.layout.engineFile());
		command.add("-Djparallel.profile-dir=" + this.layout.profileDir());
		if (Files.isRegularFile(this.layout.engineFile())) {
			// the hub keeps one database per cluster: ids count from 0 in a new cluster, never reused within one
			command.add("-Djparallel.cluster-id=" + ConnectionFiles.read(this.layout.engineFile()).clusterId());
		}
		if (kind == ServiceKind.ENGINE) {
			// removed by the engine when it is asked to stop, so the supervisor restarts only engines that died
			command.add("-Djparallel.engine.pid-file=" + this.layout.processTable().pidFile(engineName(instance)));
		}
		command.add("-Dserver.port=" + port);
		command.add("-Deureka.client.service-url.defaultZone=" + registryUrl);
		command.add("-Deureka.instance.instance-id=" + kind.module() + "-" + instance);
		command.add("-cp");
		command.add(jar(kind) + ":" + target.resolve("lib") + "/*");
		command.add(kind.mainClass());
		return command;
	}

}
