package io.jparallel.launcher.cluster;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

/** Inspects the cluster of a profile: its recorded processes, its broker, and the hub's engine list. */
public final class ClusterStatus {

	public Report inspect(Path profileDir) {
		ClusterLayout layout = new ClusterLayout(profileDir);
		List<ProcessState> processes = layout.processTable()
			.list()
			.stream()
			.map(p -> new ProcessState(p.name(), p.pid(), p.isAlive()))
			.toList();
		Optional<ConnectionInfo> info = Files.isRegularFile(layout.clientFile())
				? Optional.of(ConnectionFiles.read(layout.clientFile())) : Optional.empty();
		Optional<String> node = PrivateRabbitNode.find(layout.brokerDir())
			.map(n -> n.nodeName() + " (pid " + n.pid() + ")");
		boolean anyAlive = processes.stream().anyMatch(ProcessState::alive);
		Optional<List<EngineInfo>> engines = (anyAlive && info.isPresent())
				? new HubClient(info.get().hubUrl()).engines() : Optional.empty();
		return new Report(layout.profileDir(), processes, info.map(ConnectionInfo::brokerUriForDisplay), node,
				info.map(ConnectionInfo::clusterId), engines, EngineSupervisor.restartRecord(layout));
	}

	/**
	 * One recorded process.
	 *
	 * @param name its name in the cluster
	 * @param pid its pid
	 * @param alive whether it still runs
	 */
	public record ProcessState(String name, long pid, boolean alive) {
	}

	/**
	 * The state of a profile's cluster.
	 *
	 * @param profileDir the profile
	 * @param processes recorded processes in stop order
	 * @param broker broker URI with the password masked, if a connection file exists
	 * @param privateBroker the private RabbitMQ node, if one runs
	 * @param clusterId the cluster id, if a connection file exists
	 * @param engines the hub's engines, if the hub answered
	 * @param restarts the supervisor's record of engines that died, oldest first
	 */
	public record Report(Path profileDir, List<ProcessState> processes, Optional<String> broker,
			Optional<String> privateBroker, Optional<String> clusterId, Optional<List<EngineInfo>> engines,
			List<String> restarts) {

		/** Whether any process of the cluster runs. */
		public boolean running() {
			return this.processes.stream().anyMatch(ProcessState::alive);
		}

		public void print(PrintStream out) {
			out.println("Profile:  " + this.profileDir);
			if (this.processes.isEmpty()) {
				out.println("No cluster recorded (no pid files).");
			}
			for (ProcessState process : this.processes) {
				out.printf("  %-12s pid %-8d %s%n", process.name(), process.pid(), process.alive() ? "alive" : "dead");
			}
			this.clusterId.ifPresent(id -> out.println("Cluster:  " + id));
			this.broker.ifPresent(uri -> out.println("Broker:   " + uri
					+ this.privateBroker.map(node -> "  [private node " + node + "]").orElse("")));
			if (this.engines.isPresent()) {
				List<EngineInfo> registered = this.engines.get().stream().filter(EngineInfo::isRegistered).toList();
				out.println("Engines:  " + registered.size() + " registered"
						+ (registered.isEmpty() ? "" : ": ids " + registered.stream().map(EngineInfo::id).toList()));
			}
			else if (running()) {
				out.println("Engines:  hub not reachable");
			}
			if (!this.restarts.isEmpty()) {
				out.println("Restarts: " + this.restarts.stream().filter(line -> line.contains("restarted as")).count()
						+ " engine restart(s) by the supervisor; last: " + this.restarts.get(this.restarts.size() - 1));
			}
			long dead = this.processes.stream().filter(p -> !p.alive()).count();
			out.println("State:    " + (!running() ? "not running"
					: (dead > 0) ? "running, " + dead + " process(es) dead" : "running"));
		}

	}

}
