package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler process of a cluster a test started, found by its pid file, for heap readings with
 * {@code jcmd} (a full GC first, so the figure is what the scheduler holds, not garbage).
 */
final class SchedulerProcess {

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private final long pid;

	SchedulerProcess(Path profileDir) throws IOException {
		Path pidFile;
		try (var files = Files.list(profileDir.resolve("pid"))) {
			pidFile = files.filter(file -> file.getFileName().toString().startsWith("scheduler"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No scheduler pid file in " + profileDir.resolve("pid")));
		}
		this.pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
	}

	long pid() {
		return this.pid;
	}

	/** Heap in use after a full GC, in bytes. */
	long heapUsedAfterGc() throws IOException, InterruptedException {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		// every heap space (young and old generations, or the whole G1 heap), not Metaspace or class space
		long usedKb = 0;
		boolean found = false;
		for (String line : info.lines().toList()) {
			Matcher used = USED.matcher(line);
			if (!line.contains("Metaspace") && !line.contains("class space") && used.find()) {
				usedKb += Long.parseLong(used.group(1));
				found = true;
			}
		}
		if (!found) {
			throw new IllegalStateException("Cannot read the heap from jcmd GC.heap_info:\n" + info);
		}
		return usedKb * 1024;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(this.pid), command))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + this.pid + " " + command + " failed:\n" + output);
		}
		return output;
	}

	/** Heap in use in this JVM after a full GC, in bytes. */
	static long localHeapUsedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
