package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.broker.ProcessSpawner;

import static org.awaitility.Awaitility.await;

/**
 * A service process of a cluster a test started ({@code hub}, {@code scheduler}), found by its pid file: a
 * test kills it (by pid) and starts it again with the same command line, environment and working
 * directory, as an operator restarting it would. The restarted process is this test's to stop.
 */
final class RestartableService {

	private final Path profileDir;

	private final String name;

	private long pid;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workingDir;

	private Process restarted;

	RestartableService(Path profileDir, String name) throws IOException {
		this.profileDir = profileDir;
		this.name = name;
		Path pidFile = profileDir.resolve("pid").resolve(name + ".pid");
		if (!Files.isRegularFile(pidFile)) {
			throw new IllegalStateException("No pid file " + pidFile);
		}
		this.pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
		Path proc = Path.of("/proc", String.valueOf(this.pid));
		this.command = split(Files.readAllBytes(proc.resolve("cmdline")));
		this.environment = new LinkedHashMap<>();
		for (String entry : split(Files.readAllBytes(proc.resolve("environ")))) {
			int eq = entry.indexOf('=');
			if (eq > 0) {
				this.environment.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
		}
		this.workingDir = Files.readSymbolicLink(proc.resolve("cwd"));
	}

	private static List<String> split(byte[] nulSeparated) {
		return Arrays.stream(new String(nulSeparated, StandardCharsets.UTF_8).split("\0"))
			.filter(part -> !part.isEmpty())
			.toList();
	}

	long pid() {
		return this.pid;
	}

	/** Kills the service (SIGKILL) and waits until it is gone. */
	void kill() {
		ProcessHandle service = ProcessHandle.of(this.pid)
			.orElseThrow(() -> new IllegalStateException(this.name + " " + this.pid + " is not running"));
		service.destroyForcibly();
		await().atMost(Duration.ofSeconds(30)).until(() -> !service.isAlive());
	}

	/** Starts the service again as it was started; its output goes to {@code log/<name>-restarted.log}. */
	void start() {
		this.restarted = new ProcessSpawner(true).spawn(this.command, this.environment, this.workingDir,
				restartedLog());
		this.pid = this.restarted.pid();
	}

	Path restartedLog() {
		return this.profileDir.resolve("log").resolve(this.name + "-restarted.log");
	}

	/** Stops the process this test started, if any. */
	void stopRestarted() {
		if (this.restarted != null && this.restarted.isAlive()) {
			this.restarted.destroy();
			try {
				if (!this.restarted.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
					this.restarted.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.restarted.destroyForcibly();
			}
		}
	}

}
