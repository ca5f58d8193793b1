package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jparallel.launcher.process.ProcessTable;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.ProcessSpawner;
import io.jparallel.protocol.broker.Waits;

/**
 * Keeps a cluster's engines running ({@code jpcluster supervise}, started by {@code jpcluster start}
 * once the engines have registered). An engine whose process is gone while its pid file is still there
 * died (kill -9, out of memory, {@code System.exit} where the engine cannot refuse it): it is started
 * again with the same command line, registers with the hub and gets a new id. An engine asked to stop
 * removes its pid file first and is left alone. Restarts are limited by {@link EngineRestarts}; each one,
 * and each refusal, is a line of {@code supervisor/restarts.log} that {@code jpcluster status} shows.
 * The supervisor ends when the hub has gone (the cluster was shut down) or on SIGTERM, which
 * {@code jpcluster stop} sends it before it stops the engines.
 */
public final class EngineSupervisor {

	private static final Duration POLL = Duration.ofSeconds(1);

	private static final String RESTARTS = "restarts.log";

	private final ClusterLayout layout;

	private final EngineRestarts.Budget budget;

	private final EngineRestarts restarts;

	private final ProcessSpawner spawner;

	private final PrintStream out;

	private final Set<String> givenUp = new HashSet<>();

	public EngineSupervisor(ClusterLayout layout, EngineRestarts restarts, ProcessSpawner spawner, PrintStream out) {
		this.layout = layout;
		this.restarts = restarts;
		this.budget = restarts.budget();
		this.spawner = spawner;
		this.out = out;
	}

	/** Writes the command line an engine was started with, for restarts. */
	public static void recordCommand(ClusterLayout layout, String engine, List<String> command) {
		try {
			Files.createDirectories(layout.supervisorDir());
			Files.write(commandFile(layout, engine), command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot record the command of " + engine, ex);
		}
	}

	/** The restart record of a profile, oldest first; empty if nothing was restarted. */
	public static List<String> restartRecord(ClusterLayout layout) {
		Path file = layout.supervisorDir().resolve(RESTARTS);
		try {
			return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** Supervises until the hub is gone. */
	public void run() {
		this.out.println("Supervising the engines of " + this.layout.profileDir() + ": " + this.restarts.describe());
		while (hubAlive()) {
			checkOnce(Instant.now());
			Waits.pause(POLL);
		}
		this.out.println(Instant.now() + " the hub is gone (cluster shut down): the supervisor exits");
	}

	/** Restarts every engine that died since the last check; returns how many were restarted. */
	int checkOnce(Instant now) {
		ProcessTable table = this.layout.processTable();
		int restarted = 0;
		for (ServiceProcess engine : table.list()) {
			if (!engine.isEngine() || engine.isAlive() || !Files.exists(table.pidFile(engine.name()))) {
				continue;
			}
			String key = engine.name() + "@" + engine.pid();
			if (this.givenUp.contains(key)) {
				continue;
			}
			if (!this.budget.tryRestart(now)) {
				this.givenUp.add(key);
				record(now + " " + engine.name() + " (pid " + engine.pid() + ") died; NOT restarted: "
						+ this.budget.usedInWindow() + " restart(s) within " + this.restarts.window().toSeconds()
						+ " s already (limit " + this.restarts.max() + ", jpcluster start --max-restarts N)");
				continue;
			}
			Optional<ServiceProcess> replacement = restart(table, engine);
			if (replacement.isPresent()) {
				restarted++;
				record(now + " " + engine.name() + " (pid " + engine.pid() + ") died; restarted as pid "
						+ replacement.get().pid() + " (it registers with a new engine id; " + this.budget.usedInWindow()
						+ " of " + this.restarts.max() + " restarts used in " + this.restarts.window().toSeconds() + " s)");
			}
			else {
				this.givenUp.add(key);
			}
		}
		return restarted;
	}

	private Optional<ServiceProcess> restart(ProcessTable table, ServiceProcess engine) {
		Path commandFile = commandFile(this.layout, engine.name());
		try {
			List<String> command = Files.readAllLines(commandFile);
			Path log = table.logFile(engine.name());
			ClusterStarter.appendHeader(log, "restarted by the supervisor after pid " + engine.pid() + " died,");
			Process process = this.spawner.spawn(command, Map.of(), this.layout.profileDir(), log);
			ServiceProcess started = ServiceProcess.of(engine.name(), process.toHandle(), log);
			table.record(started);
			return Optional.of(started);
		}
		catch (IOException | UncheckedIOException ex) {
			record(Instant.now() + " " + engine.name() + " (pid " + engine.pid() + ") died; cannot restart it: "
					+ ex.getMessage() + " (command from " + commandFile + ")");
			return Optional.empty();
		}
	}

	private boolean hubAlive() {
		return this.layout.processTable().list().stream().anyMatch(p -> p.name().equals("hub") && p.isAlive());
	}

	private void record(String line) {
		this.out.println(line);
		try {
			Files.createDirectories(this.layout.supervisorDir());
			Files.writeString(this.layout.supervisorDir().resolve(RESTARTS), line + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			this.out.println("(cannot write " + RESTARTS + ": " + ex.getMessage() + ")");
		}
	}

	private static Path commandFile(ClusterLayout layout, String engine) {
		return layout.supervisorDir().resolve(engine + ".command");
	}

}
