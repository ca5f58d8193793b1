package io.jparallel.launcher.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jparallel.launcher.process.ProcessTable;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.broker.ProcessTrees;
import io.jparallel.protocol.broker.Waits;

/**
 * Stops the cluster of a profile from its pid files: SIGTERM to the engines first (so they can tell the
 * hub they are leaving), then to scheduler, hub and registry; SIGKILL to whatever still runs 10 s after
 * the first signal, descendants included; then the private broker, if the cluster has one. Stopping a
 * profile that is not running is not an error.
 */
public final class ClusterStopper {

	/**
	 * Time from the first SIGTERM until SIGKILL. Generous because a service that records its class
	 * data sharing archive writes it while exiting (several seconds, once per build).
	 */
	public static final Duration GRACE = Duration.ofSeconds(30);

	private static final Duration ENGINE_GRACE = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(100);

	/** The registry's name in the process table. */
	private static final String REGISTRY = "registry";

	private final PrintStream out;

	public ClusterStopper(PrintStream out) {
		this.out = out;
	}

	public StopReport stop(Path profileDir) {
		ClusterLayout layout = new ClusterLayout(profileDir);
		ProcessTable table = layout.processTable();
		long deadline = System.nanoTime() + GRACE.toNanos();
		Map<ServiceProcess, List<ProcessHandle>> alive = new LinkedHashMap<>();
		List<ServiceProcess> recorded = table.list();
		for (ServiceProcess process : recorded) {
			process.handle().ifPresent(handle -> alive.put(process, ProcessTrees.snapshot(handle)));
		}

		// the supervisor first, so it restarts none of the engines being stopped
		List<ServiceProcess> supervisor = alive.keySet().stream().filter(p -> p.name().equals(ServiceProcess.SUPERVISOR)).toList();
		terminate(supervisor, alive);
		Waits.until(() -> supervisor.stream().noneMatch(p -> ProcessTrees.anyAlive(alive.get(p))),
				min(ENGINE_GRACE, remaining(deadline)), POLL);
		List<ServiceProcess> engines = alive.keySet().stream().filter(ServiceProcess::isEngine).toList();
		List<ServiceProcess> registry = alive.keySet().stream().filter(p -> p.name().equals(REGISTRY)).toList();
		List<ServiceProcess> others = alive.keySet().stream()
			.filter(p -> !p.isEngine() && !p.name().equals(ServiceProcess.SUPERVISOR) && !p.name().equals(REGISTRY))
			.toList();
		terminate(engines, alive);
		Waits.until(() -> engines.stream().noneMatch(p -> ProcessTrees.anyAlive(alive.get(p))),
				min(ENGINE_GRACE, remaining(deadline)), POLL);
		// the registry last: the others leave it as they stop, rather than retrying against a closed port
		terminate(others, alive);
		Waits.until(() -> others.stream().noneMatch(p -> ProcessTrees.anyAlive(alive.get(p))),
				min(ENGINE_GRACE, remaining(deadline)), POLL);
		terminate(registry, alive);
		Waits.until(() -> alive.values().stream().noneMatch(ProcessTrees::anyAlive), remaining(deadline), POLL);

		List<String> stopped = new ArrayList<>();
		List<String> killed = new ArrayList<>();
		for (Map.Entry<ServiceProcess, List<ProcessHandle>> entry : alive.entrySet()) {
			ServiceProcess process = entry.getKey();
			if (ProcessTrees.anyAlive(entry.getValue())) {
				ProcessTrees.kill(entry.getValue());
				killed.add(process.name());
				this.out.println("killed  " + process.name() + " (pid " + process.pid() + ", did not stop within "
						+ GRACE.toSeconds() + " s)");
			}
			else {
				stopped.add(process.name());
				this.out.println("stopped " + process.name() + " (pid " + process.pid() + ")");
			}
		}
		recorded.forEach(process -> table.remove(process.name()));

		// the cluster's own broker user (issue 9): deleted while the broker, private or not, still runs
		ClusterBrokerUser.deleteRecorded(layout.profileDir(), this.out)
			.ifPresent(user -> this.out.println("deleted broker user " + user));
		Optional<String> broker = PrivateRabbitNode.find(layout.brokerDir()).map(PrivateRabbitNode::nodeName);
		PrivateRabbitNode.stop(layout.brokerDir());
		broker.ifPresent(node -> this.out.println("stopped RabbitMQ node " + node));
		if (alive.isEmpty() && broker.isEmpty()) {
			this.out.println("No running cluster in " + layout.profileDir());
		}
		return new StopReport(stopped, killed, broker.isPresent());
	}

	private static void terminate(List<ServiceProcess> processes, Map<ServiceProcess, List<ProcessHandle>> trees) {
		for (ServiceProcess process : processes) {
			trees.get(process).get(0).destroy();
		}
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * What a stop did.
	 *
	 * @param stopped processes that ended after SIGTERM
	 * @param killed processes that needed SIGKILL
	 * @param brokerStopped whether a running private broker was stopped
	 */
	public record StopReport(List<String> stopped, List<String> killed, boolean brokerStopped) {

		public StopReport {
			stopped = List.copyOf(stopped);
			killed = List.copyOf(killed);
		}

		/** Whether anything was running. */
		public boolean anythingStopped() {
			return !this.stopped.isEmpty() || !this.killed.isEmpty() || this.brokerStopped;
		}

	}

}
