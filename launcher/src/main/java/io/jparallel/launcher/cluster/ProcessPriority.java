package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Background work yields the cores: the registry runs niced from its start (nothing waits on it while a
 * cluster starts), the hub from the moment every engine has registered (it is on the start path, since
 * engines register with it, but after that its audit is background work, and a hub that falls behind only
 * grows its own queue). Where {@code nice}/{@code renice} are missing, everything runs at normal priority.
 */
final class ProcessPriority {

	/** The niceness of background services: they get what the request path leaves. */
	static final int BACKGROUND = 10;

	private static final Path NICE = Path.of("/usr/bin/nice");

	private static final Path RENICE = Path.of("/usr/bin/renice");

	private ProcessPriority() {
	}

	/** The ids of the process's threads ({@code /proc/<pid>/task}), or the pid alone where there is no such list. */
	static List<String> threadsOf(long pid) {
		Path tasks = Path.of("/proc", String.valueOf(pid), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			List<String> ids = threads.map(thread -> thread.getFileName().toString()).toList();
			return ids.isEmpty() ? List.of(String.valueOf(pid)) : ids;
		}
		catch (IOException | RuntimeException ex) {
			return List.of(String.valueOf(pid));
		}
	}

	/** The prefix that starts a command in the background priority, or none. */
	static List<String> backgroundPrefix() {
		return Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", String.valueOf(BACKGROUND)) : List.of();
	}

	/**
	 * Moves a running process to the background priority, every one of its threads: Linux keeps a nice value
	 * per thread, and {@code renice -p <pid>} alone changed only the process's main thread (a hub "moved to
	 * the background" kept its audit, collector and database threads at 0, seen with {@code ps -L -o ni}).
	 * Threads it starts later take their creator's value. False if that was not possible.
	 */
	static boolean moveToBackground(long pid) {
		if (!Files.isExecutable(RENICE)) {
			return false;
		}
		List<String> command = new ArrayList<>(List.of(RENICE.toString(), "-n", String.valueOf(BACKGROUND), "-p"));
		command.addAll(threadsOf(pid));
		try {
			Process renice = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
