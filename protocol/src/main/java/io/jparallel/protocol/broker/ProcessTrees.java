package io.jparallel.protocol.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends a process together with everything it spawned. Services are JVMs without children, but the
 * RabbitMQ node is a shell script whose Erlang VM has helpers (erl_child_setup, inet_gethost), and none
 * of them may outlive a stop.
 */
public final class ProcessTrees {

	private ProcessTrees() {
	}

	/** The process and its descendants, the root first, as they are now. */
	public static List<ProcessHandle> snapshot(ProcessHandle root) {
		List<ProcessHandle> all = new ArrayList<>();
		all.add(root);
		root.descendants().forEach(all::add);
		return all;
	}

	/** Whether any of these processes still runs. */
	public static boolean anyAlive(List<ProcessHandle> processes) {
		return processes.stream().anyMatch(ProcessTrees::isRunning);
	}

	/**
	 * Whether the process runs. Unlike {@link ProcessHandle#isAlive()} a zombie does not count: a service
	 * outlives the {@code jpcluster start} JVM that forked it, so once it exits it is a zombie until init
	 * reaps it, and in containers whose pid 1 is not a real init that can take a long time.
	 */
	public static boolean isRunning(ProcessHandle process) {
		return process.isAlive() && !isZombie(process.pid());
	}

	private static boolean isZombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			int afterName = stat.lastIndexOf(')');
			return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
		}
		catch (IOException | RuntimeException ex) {
			// no /proc (not Linux) or the process is gone: ProcessHandle's answer stands
			return false;
		}
	}

	/**
	 * Sends SIGTERM to the root, waits for the whole tree, then SIGKILLs whatever survives. Returns
	 * whether it took a SIGKILL.
	 */
	public static boolean terminate(ProcessHandle root, Duration grace) {
		List<ProcessHandle> tree = snapshot(root);
		root.destroy();
		if (Waits.until(() -> !anyAlive(tree), grace, Duration.ofMillis(100))) {
			return false;
		}
		kill(tree);
		return true;
	}

	/** SIGKILLs every process of a snapshot, children first, and waits briefly for them to go. */
	public static void kill(List<ProcessHandle> tree) {
		List<ProcessHandle> all = new ArrayList<>(tree);
		for (ProcessHandle process : tree) {
			process.descendants().filter(p -> !all.contains(p)).forEach(all::add);
		}
		for (int i = all.size() - 1; i >= 0; i--) {
			all.get(i).destroyForcibly();
		}
		Waits.until(() -> !anyAlive(all), Duration.ofSeconds(5), Duration.ofMillis(50));
	}

}
