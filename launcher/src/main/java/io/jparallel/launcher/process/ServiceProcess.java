package io.jparallel.launcher.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.jparallel.protocol.broker.ProcessTrees;

/**
 * A process the launcher started, as recorded in its pid file.
 *
 * @param name the name in the cluster ({@code hub}, {@code engine-0}, ...), also the pid and log file name
 * @param pid the operating system's process id
 * @param startedAt when the OS says the process started, or {@code null} if it did not say; compared on
 * every lookup so that a recycled pid never gets a signal meant for a service
 * @param logFile where its stdout and stderr go
 */
public record ServiceProcess(String name, long pid, Instant startedAt, Path logFile) {

	/** The name of the engine supervisor's process. */
	public static final String SUPERVISOR = "supervisor";

	public ServiceProcess {
		Objects.requireNonNull(name, "name is required");
		Objects.requireNonNull(logFile, "logFile is required");
		if (pid <= 0) {
			throw new IllegalArgumentException("pid must be positive, was " + pid);
		}
	}

	/** Records a process that was just started. */
	public static ServiceProcess of(String name, ProcessHandle handle, Path logFile) {
		return new ServiceProcess(name, handle.pid(), handle.info().startInstant().orElse(null), logFile);
	}

	/** The live process, if the pid still belongs to the process we started. */
	public Optional<ProcessHandle> handle() {
		return ProcessHandle.of(this.pid)
			.filter(ProcessTrees::isRunning)
			.filter(h -> this.startedAt == null || h.info()
				.startInstant()
				.map(started -> started.toEpochMilli() == this.startedAt.toEpochMilli())
				.orElse(true));
	}

	public boolean isAlive() {
		return handle().isPresent();
	}

	/** Whether this is an engine; engines stop first so they can unregister while the hub still runs. */
	public boolean isEngine() {
		return this.name.startsWith("engine-");
	}

}
