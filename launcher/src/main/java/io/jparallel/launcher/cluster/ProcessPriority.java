package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/** The prefix that starts a command in the background priority, or none. */
	static List<String> backgroundPrefix() {
		return Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", String.valueOf(BACKGROUND)) : List.of();
	}

	/** Moves a running process to the background priority; false if that was not possible. */
	static boolean moveToBackground(long pid) {
		if (!Files.isExecutable(RENICE)) {
			return false;
		}
		try {
			Process renice = new ProcessBuilder(RENICE.toString(), "-n", String.valueOf(BACKGROUND), "-p",
					String.valueOf(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
