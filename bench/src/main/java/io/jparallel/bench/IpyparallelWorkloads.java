package io.jparallel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The IPython parallel side: runs {@code bench/ipyparallel_bench.py} with Debian's {@code /usr/bin/python3}
 * (which has python3-ipyparallel; the pyenv python first on PATH does not) in a temporary IPYTHONDIR, so
 * nothing leaks into {@code ~/.ipython}. The script prints progress lines, echoed here, and one JSON object
 * on its last line. It runs under a time limit, and afterwards every process still carrying that IPYTHONDIR
 * (controller, engines) is ended by pid.
 */
public final class IpyparallelWorkloads {

	public static final String PYTHON = "/usr/bin/python3";

	private final int engines;

	private final boolean quick;

	private final Path script;

	private final Duration workloadLimit;

	private final Duration totalLimit;

	private final Progress progress;

	public IpyparallelWorkloads(int engines, boolean quick, Path script, Duration workloadLimit, Duration totalLimit,
			PrintStream out) {
		this.engines = engines;
		this.quick = quick;
		this.script = script;
		this.workloadLimit = workloadLimit;
		this.totalLimit = totalLimit;
		this.progress = new Progress(out, "ipyparallel");
	}

	public SystemResults run() {
		Path ipythonDir;
		try {
			ipythonDir = Files.createTempDirectory("ipyparallel-bench-");
		}
		catch (IOException ex) {
			return SystemResults.failed("ipyparallel", TimeLimit.describe(ex));
		}
		List<String> command = new ArrayList<>(List.of(PYTHON, this.script.toString(), "--engines",
				Integer.toString(this.engines), "--workload-timeout", Long.toString(this.workloadLimit.toSeconds())));
		if (this.quick) {
			command.add("--quick");
		}
		this.progress.say("running %s (limit %d s)", String.join(" ", command), this.totalLimit.toSeconds());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("IPYTHONDIR", ipythonDir.toString());
		builder.environment().put("PYTHONUNBUFFERED", "1");
		Process process = null;
		Path dir = ipythonDir;
		Thread stopOnExit = new Thread(() -> killLeftovers(dir), "ipyparallel-bench-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		try {
			process = builder.start();
			AtomicReference<String> lastLine = new AtomicReference<>();
			Process started = process;
			Thread reader = new Thread(() -> echo(started, lastLine), "ipyparallel-output");
			reader.setDaemon(true);
			reader.start();
			if (!process.waitFor(this.totalLimit.toMillis(), TimeUnit.MILLISECONDS)) {
				this.progress.say("timed out after %d s; killing it", this.totalLimit.toSeconds());
				kill(process.toHandle());
				return SystemResults.failed("ipyparallel",
						"bench/ipyparallel_bench.py timed out after " + this.totalLimit.toSeconds() + " s");
			}
			reader.join(5000);
			String json = lastLine.get();
			if (json == null || !json.startsWith("{")) {
				return SystemResults.failed("ipyparallel", "bench/ipyparallel_bench.py exited with " + process.exitValue()
						+ " without results; last line: " + json);
			}
			return ResultsJson.parseSystem(json);
		}
		catch (IOException | RuntimeException ex) {
			return SystemResults.failed("ipyparallel", TimeLimit.describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return SystemResults.failed("ipyparallel", "interrupted");
		}
		finally {
			JParallelWorkloads.removeHook(stopOnExit);
			if (process != null && process.isAlive()) {
				kill(process.toHandle());
			}
			int leftovers = killLeftovers(ipythonDir);
			if (leftovers > 0) {
				this.progress.say("ended %d leftover ipyparallel process(es)", leftovers);
			}
			JParallelWorkloads.deleteQuietly(ipythonDir);
		}
	}

	private void echo(Process process, AtomicReference<String> lastLine) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				lastLine.set(line);
				if (!line.startsWith("{")) {
					this.progress.out().println(line.startsWith("[ipyparallel]") ? line : "[ipyparallel] " + line);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** Ends every process of ours whose environment holds this IPYTHONDIR: ipcontroller and ipengines. */
	static int killLeftovers(Path ipythonDir) {
		String marker = "IPYTHONDIR=" + ipythonDir;
		List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
			.filter(p -> p.pid() != ProcessHandle.current().pid())
			.filter(p -> environmentHolds(p.pid(), marker))
			.toList();
		leftovers.forEach(IpyparallelWorkloads::kill);
		return leftovers.size();
	}

	private static boolean environmentHolds(long pid, String entry) {
		try {
			byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
			for (String variable : new String(environ, StandardCharsets.UTF_8).split("\0")) {
				if (variable.equals(entry)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static void kill(ProcessHandle process) {
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.add(0, process);
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

}
