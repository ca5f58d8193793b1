package io.jparallel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** CPU time of this process's threads, from /proc/self/task (Linux), for profiling where a client's CPU goes. */
final class ThreadCpu {

	private ThreadCpu() {
	}

	/** User + system CPU in ms by thread id and name ({@code id:name}); empty where /proc is missing. */
	static Map<String, Long> own() {
		return of("self");
	}

	/**
	 * CPU-seconds of a JVM's JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}); 0 if
	 * the process is gone.
	 */
	static double compilerSeconds(long pid) {
		return of(Long.toString(pid)).entrySet()
			.stream()
			.filter(thread -> thread.getKey().contains("CompilerThre"))
			.mapToLong(Map.Entry::getValue)
			.sum() / 1000.0;
	}

	/** {@link #own()} of the process {@code /proc/<process>}. */
	private static Map<String, Long> of(String process) {
		Map<String, Long> cpu = new LinkedHashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", process, "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					double seconds = ProcessCpu.cpuSecondsOfStat(Files.readString(task.resolve("stat")));
					cpu.put(task.getFileName() + ":" + name, Math.round(seconds * 1000));
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return Map.of();
		}
		return cpu;
	}

	/** What each thread used between two readings, by name, largest first, compiler threads summed apart. */
	static String difference(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> byName = new LinkedHashMap<>();
		after.forEach((thread, ms) -> {
			long used = ms - before.getOrDefault(thread, 0L);
			if (used > 0) {
				String name = thread.substring(thread.indexOf(':') + 1);
				String group = name.contains("CompilerThre") ? name.replaceAll("[0-9]+$", "") : name;
				byName.merge(group, used, Long::sum);
			}
		});
		long total = byName.values().stream().mapToLong(Long::longValue).sum();
		return "total " + total + " | " + byName.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(8)
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

}
