package io.jparallel.launcher.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * A cluster that {@link ClusterStarter} started and whose engines all registered. Closing it stops the
 * cluster, so tests can use try-with-resources:
 * <pre>{@code
 * try (RunningCluster cluster = new ClusterStarter(System.out).start(ClusterOptions.of(2).withProfileDir(dir))) {
 *     Client rc = Client.connect(cluster.clientFile());
 * }
 * }</pre>
 */
public final class RunningCluster implements AutoCloseable {

	private final ClusterLayout layout;

	private final ConnectionInfo connectionInfo;

	private final List<EngineInfo> engines;

	private final List<ServiceProcess> processes;

	private final PrivateRabbitNode broker;

	private final Duration elapsed;

	RunningCluster(ClusterLayout layout, ConnectionInfo connectionInfo, List<EngineInfo> engines,
			List<ServiceProcess> processes, PrivateRabbitNode broker, Duration elapsed) {
		this.layout = layout;
		this.connectionInfo = connectionInfo;
		this.engines = List.copyOf(engines);
		this.processes = List.copyOf(processes);
		this.broker = broker;
		this.elapsed = elapsed;
	}

	public Path profileDir() {
		return this.layout.profileDir();
	}

	public ClusterLayout layout() {
		return this.layout;
	}

	/** The client connection file, {@code <profile>/security/jparallel-client.json}. */
	public Path clientFile() {
		return this.layout.clientFile();
	}

	public Path engineFile() {
		return this.layout.engineFile();
	}

	public ConnectionInfo connectionInfo() {
		return this.connectionInfo;
	}

	/** The registered engines when the start finished. */
	public List<EngineInfo> engines() {
		return this.engines;
	}

	public List<String> engineIds() {
		return this.engines.stream().map(EngineInfo::id).toList();
	}

	/** The service processes, in stop order. */
	public List<ServiceProcess> processes() {
		return this.processes;
	}

	/** The private broker, if the cluster runs its own. */
	public Optional<PrivateRabbitNode> broker() {
		return Optional.ofNullable(this.broker);
	}

	/** From the start call until the last engine registered. */
	public Duration elapsed() {
		return this.elapsed;
	}

	/** Stops every process of the cluster and its private broker, printing what it stopped to {@code out}. */
	public ClusterStopper.StopReport stop(PrintStream out) {
		return new ClusterStopper(out).stop(this.layout.profileDir());
	}

	@Override
	public void close() {
		new ClusterStopper(PrintStreams.NULL).stop(this.layout.profileDir());
	}

}
