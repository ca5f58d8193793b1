package io.jparallel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memory of processes as the operating system holds it, comparable across the JVMs, the Erlang VM and Python:
 * RSS from {@code /proc/<pid>/status} (VmRSS), which counts a page shared between processes (forked
 * children, shared libraries, a class data sharing archive mapped by several JVMs) once per process, and PSS
 * from {@code /proc/<pid>/smaps_rollup}, which splits each shared page among the processes that map it, so
 * PSS figures add up to what the processes hold together.
 */
public final class ProcessMemory {

	private ProcessMemory() {
	}

	/** VmRSS of {@code pid} in bytes, or 0 if the process is gone or unreadable. */
	public static long rss(long pid) {
		try {
			return parseVmRss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The VmRSS line of a {@code /proc/<pid>/status} file, in bytes; 0 if absent. */
	static long parseVmRss(List<String> statusLines) {
		for (String line : statusLines) {
			if (line.startsWith("VmRSS:")) {
				String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
				return Long.parseLong(parts[0]) * 1024;
			}
		}
		return 0;
	}

	/** Proportional set size of {@code pid} in bytes, or 0 if the process is gone or unreadable. */
	public static long pss(long pid) {
		try {
			return parsePss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The Pss line of a {@code /proc/<pid>/smaps_rollup} file, in bytes; 0 if absent. */
	static long parsePss(List<String> smapsRollupLines) {
		for (String line : smapsRollupLines) {
			if (line.startsWith("Pss:")) {
				String[] parts = line.substring("Pss:".length()).trim().split("\\s+");
				return Long.parseLong(parts[0]) * 1024;
			}
		}
		return 0;
	}

	/** The summed PSS of a process and all its descendants. */
	public static long treePss(long pid) {
		return ProcessHandle.of(pid)
			.map(root -> pss(root.pid()) + root.descendants().mapToLong(p -> pss(p.pid())).sum())
			.orElse(0L);
	}

	/** The summed RSS of a process and all its descendants (a RabbitMQ node: script, beam.smp, helpers). */
	public static long treeRss(long pid) {
		return ProcessHandle.of(pid)
			.map(root -> rss(root.pid()) + root.descendants().mapToLong(p -> rss(p.pid())).sum())
			.orElse(0L);
	}

	/**
	 * Keeps the peak memory (RSS or PSS) of each named process while a workload runs, sampling every half
	 * second on a daemon thread. {@code snapshot} returns name → bytes.
	 */
	public static final class PeakSampler implements AutoCloseable {

		private final Map<String, Long> peak = new LinkedHashMap<>();

		private final Thread thread;

		private volatile boolean running = true;

		public PeakSampler(Supplier<Map<String, Long>> snapshot) {
			this.thread = new Thread(() -> {
				while (this.running) {
					Map<String, Long> now = snapshot.get();
					synchronized (this.peak) {
						now.forEach((name, bytes) -> this.peak.merge(name, bytes, Math::max));
					}
					try {
						Thread.sleep(500);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "rss-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		public Map<String, Long> peak() {
			synchronized (this.peak) {
				return new LinkedHashMap<>(this.peak);
			}
		}

		@Override
		public void close() {
			this.running = false;
			this.thread.interrupt();
			try {
				this.thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
