package io.jparallel.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pid files of a profile: {@code <profile>/pid/<name>.pid}, holding the pid and the start time in
 * epoch milliseconds. They are how {@code jpcluster stop} and {@code status}, run as other processes,
 * find what {@code start} launched.
 */
public final class ProcessTable {

	private static final String SUFFIX = ".pid";

	private final Path pidDir;

	private final Path logDir;

	public ProcessTable(Path pidDir, Path logDir) {
		this.pidDir = pidDir;
		this.logDir = logDir;
	}

	public void record(ServiceProcess process) {
		String content = process.pid() + "\n"
				+ ((process.startedAt() != null) ? process.startedAt().toEpochMilli() : "") + "\n";
		try {
			Files.createDirectories(this.pidDir);
			Path tmp = this.pidDir.resolve(process.name() + SUFFIX + ".tmp");
			Files.writeString(tmp, content);
			Files.move(tmp, pidFile(process.name()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write pid file for " + process.name(), ex);
		}
	}

	/**
	 * Every recorded process in stop order: the supervisor (so it restarts nothing being stopped), engines
	 * (by number), then scheduler, hub, registry, then any other name.
	 */
	public List<ServiceProcess> list() {
		if (!Files.isDirectory(this.pidDir)) {
			return List.of();
		}
		List<ServiceProcess> processes = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.pidDir)) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
				String name = file.getFileName().toString();
				name = name.substring(0, name.length() - SUFFIX.length());
				read(name, file).ifPresent(processes::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list pid files in " + this.pidDir, ex);
		}
		processes.sort(Comparator.comparingInt(ProcessTable::stopRank)
			.thenComparingInt(ProcessTable::engineNumber)
			.thenComparing(ServiceProcess::name));
		return processes;
	}

	public List<ServiceProcess> alive() {
		return list().stream().filter(ServiceProcess::isAlive).toList();
	}

	public void remove(String name) {
		try {
			Files.deleteIfExists(pidFile(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete pid file of " + name, ex);
		}
	}

	public Path pidFile(String name) {
		return this.pidDir.resolve(name + SUFFIX);
	}

	public Path logFile(String name) {
		return this.logDir.resolve(name + ".log");
	}

	private java.util.Optional<ServiceProcess> read(String name, Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			if (lines.isEmpty() || lines.get(0).isBlank()) {
				return java.util.Optional.empty();
			}
			long pid = Long.parseLong(lines.get(0).trim());
			Instant startedAt = (lines.size() > 1 && !lines.get(1).isBlank())
					? Instant.ofEpochMilli(Long.parseLong(lines.get(1).trim())) : null;
			return java.util.Optional.of(new ServiceProcess(name, pid, startedAt, logFile(name)));
		}
		catch (IOException | RuntimeException ex) {
			// A half-written or foreign file is not a process of ours.
			return java.util.Optional.empty();
		}
	}

	static int stopRank(ServiceProcess process) {
		return switch (process.name()) {
			case ServiceProcess.SUPERVISOR -> -1;
			case "scheduler" -> 1;
			case "hub" -> 2;
			case "registry" -> 3;
			default -> process.isEngine() ? 0 : process.name().startsWith("scheduler-") ? 1 : 4;
		};
	}

	private static int engineNumber(ServiceProcess process) {
		if (!process.isEngine()) {
			return 0;
		}
		try {
			return Integer.parseInt(process.name().substring("engine-".length()));
		}
		catch (NumberFormatException ex) {
			return Integer.MAX_VALUE;
		}
	}

}
