package io.jparallel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time processes have consumed, from {@code /proc/<pid>/stat}: user plus system time of the process and
 * of its children that ended and were waited for (a RabbitMQ node's start scripts, for instance), in clock
 * ticks, divided by the clock tick rate ({@code getconf CLK_TCK}).
 */
public final class ProcessCpu {

	private static final long CLOCK_TICKS = clockTicks();

	private ProcessCpu() {
	}

	/** CPU-seconds of {@code pid} (and its ended children), or 0 if the process is gone or unreadable. */
	public static double seconds(long pid) {
		try {
			return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), CLOCK_TICKS);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * CPU-seconds of this JVM's own threads (utime + stime, without the children it has waited for: a
	 * training cluster started and stopped by the benchmark would otherwise count as the client's).
	 */
	public static double ownSeconds() {
		try {
			return cpuSecondsOfStat(Files.readString(Path.of("/proc/self/stat")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** utime + stime of a {@code /proc/.../stat} line (a process's or a thread's), in seconds. */
	static double cpuSecondsOfStat(String stat) {
		return parseStat(stat, CLOCK_TICKS, 15);
	}

	/** The summed CPU-seconds of a process and all its live descendants (a RabbitMQ node: script, beam.smp, helpers). */
	public static double treeSeconds(long pid) {
		return ProcessHandle.of(pid)
			.map(root -> seconds(root.pid()) + root.descendants().mapToDouble(p -> seconds(p.pid())).sum())
			.orElse(0.0);
	}

	/**
	 * utime + stime + cutime + cstime of a {@code /proc/<pid>/stat} line, in seconds. The command name (field
	 * 2) is in parentheses and may itself hold spaces and parentheses, so fields are counted from the last
	 * {@code ')'}: after it come state (field 3) ... utime (14), stime (15), cutime (16), cstime (17).
	 */
	static double parseStat(String stat, long clockTicks) {
		return parseStat(stat, clockTicks, 17);
	}

	/** The fields from utime (14) to {@code lastField} of a {@code /proc/<pid>/stat} line, in seconds. */
	static double parseStat(String stat, long clockTicks, int lastField) {
		int end = stat.lastIndexOf(')');
		if (end < 0) {
			throw new IllegalArgumentException("Not a /proc/<pid>/stat line: " + stat);
		}
		String[] fields = stat.substring(end + 1).trim().split("\\s+");
		long ticks = 0;
		for (int field = 14; field <= lastField; field++) {
			ticks += Long.parseLong(fields[field - 3]);
		}
		return (double) ticks / clockTicks;
	}

	/** {@code getconf CLK_TCK}; 100 (the value on every common Linux) if that cannot be run. */
	static long clockTicks() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
				return Long.parseLong(out);
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 100;
	}

}
