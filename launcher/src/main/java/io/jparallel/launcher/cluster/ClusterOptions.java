package io.jparallel.launcher.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * How to start a cluster. Start from {@link #of(int)} and change what differs:
 * <pre>{@code
 * ClusterOptions options = ClusterOptions.of(4).withProfileDir(tempDir).withBrokerUri(TestBroker.uri());
 * }</pre>
 *
 * @param engines how many engines, at least 1
 * @param profileDir the profile directory (log, pid, security, ...)
 * @param brokerUri the broker to use, or {@code null} to start a private RabbitMQ node
 * @param clusterId the cluster id, or {@code null} for 8 random hex digits
 * @param timeout how long to wait for every engine to register
 * @param home the JParallel installation holding {@code <service>/target/<service>.jar} and {@code config-repo}
 * @param extraJvmOptions appended to every service's JVM options
 * @param brokerManagementUrl the management HTTP API of the {@code brokerUri} broker, where the cluster's own
 * broker user is created, or {@code null} for {@code http://<broker host>:15672}
 * @param brokerCaFile the PEM CA certificate to trust for an {@code amqps} broker, or {@code null} for the
 * JVM's trust store
 * @param engineJvmOptions appended to the engines' JVM options only, after {@code extraJvmOptions} (small
 * heaps for many engines on one machine, for instance)
 */
public record ClusterOptions(int engines, Path profileDir, String brokerUri, String clusterId, Duration timeout,
		Path home, List<String> extraJvmOptions, String brokerManagementUrl, Path brokerCaFile,
		List<String> engineJvmOptions) {

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

	public ClusterOptions {
		if (engines < 1) {
			throw new IllegalArgumentException("A cluster needs at least 1 engine, got " + engines);
		}
		Objects.requireNonNull(profileDir, "profileDir is required");
		Objects.requireNonNull(timeout, "timeout is required");
		Objects.requireNonNull(home, "home is required");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, got " + timeout);
		}
		if (clusterId != null && !clusterId.matches("[A-Za-z0-9_.-]+")) {
			throw new IllegalArgumentException("A cluster id may hold letters, digits, '_', '.' and '-' only: " + clusterId);
		}
		extraJvmOptions = List.copyOf(extraJvmOptions);
		engineJvmOptions = List.copyOf(engineJvmOptions);
	}

	public ClusterOptions(int engines, Path profileDir, String brokerUri, String clusterId, Duration timeout,
			Path home, List<String> extraJvmOptions, String brokerManagementUrl, Path brokerCaFile) {
		this(engines, profileDir, brokerUri, clusterId, timeout, home, extraJvmOptions, brokerManagementUrl,
				brokerCaFile, List.of());
	}

	public ClusterOptions(int engines, Path profileDir, String brokerUri, String clusterId, Duration timeout,
			Path home, List<String> extraJvmOptions) {
		this(engines, profileDir, brokerUri, clusterId, timeout, home, extraJvmOptions,
				blankToNull(System.getenv("JPARALLEL_BROKER_MANAGEMENT_URL")), caFileFromEnvironment());
	}

	/**
	 * {@code engines} engines in the default profile ({@code JPARALLEL_PROFILE} or {@code default}), the broker
	 * from {@code JPARALLEL_BROKER_URL} if set (its management API from {@code JPARALLEL_BROKER_MANAGEMENT_URL},
	 * its CA certificate from {@code JPARALLEL_BROKER_CA}), JVM options from {@code JPARALLEL_JVM_OPTS}, and home
	 * from {@code -Djparallel.home} or the current directory.
	 */
	public static ClusterOptions of(int engines) {
		return new ClusterOptions(engines, ConnectionFiles.profileDir(ConnectionFiles.defaultProfile()),
				blankToNull(System.getenv("JPARALLEL_BROKER_URL")), null, DEFAULT_TIMEOUT, defaultHome(),
				splitOptions(System.getenv("JPARALLEL_JVM_OPTS")));
	}

	private static Path caFileFromEnvironment() {
		String file = blankToNull(System.getenv("JPARALLEL_BROKER_CA"));
		return (file != null) ? Path.of(file) : null;
	}

	public ClusterOptions withBrokerManagementUrl(String url) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, this.timeout,
				this.home, this.extraJvmOptions, blankToNull(url), this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withBrokerCaFile(Path file) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, this.timeout,
				this.home, this.extraJvmOptions, this.brokerManagementUrl, file, this.engineJvmOptions);
	}

	public static Path defaultHome() {
		String home = System.getProperty("jparallel.home");
		return Path.of((home != null && !home.isBlank()) ? home : "").toAbsolutePath().normalize();
	}

	/** Splits options such as {@code JPARALLEL_JVM_OPTS} on white space. */
	public static List<String> splitOptions(String options) {
		if (options == null || options.isBlank()) {
			return List.of();
		}
		return Arrays.stream(options.trim().split("\\s+")).toList();
	}

	public ClusterOptions withProfile(String profile) {
		return withProfileDir(ConnectionFiles.profileDir(profile));
	}

	public ClusterOptions withProfileDir(Path dir) {
		return new ClusterOptions(this.engines, dir, this.brokerUri, this.clusterId, this.timeout, this.home,
				this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withBrokerUri(String uri) {
		return new ClusterOptions(this.engines, this.profileDir, blankToNull(uri), this.clusterId, this.timeout,
				this.home, this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withClusterId(String id) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, blankToNull(id), this.timeout,
				this.home, this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withTimeout(Duration time) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, time, this.home,
				this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withHome(Path dir) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, this.timeout, dir,
				this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withExtraJvmOptions(List<String> options) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, this.timeout,
				this.home, options, this.brokerManagementUrl, this.brokerCaFile, this.engineJvmOptions);
	}

	public ClusterOptions withEngineJvmOptions(List<String> options) {
		return new ClusterOptions(this.engines, this.profileDir, this.brokerUri, this.clusterId, this.timeout,
				this.home, this.extraJvmOptions, this.brokerManagementUrl, this.brokerCaFile, options);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
