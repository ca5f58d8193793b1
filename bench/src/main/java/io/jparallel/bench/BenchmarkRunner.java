package io.jparallel.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks JParallel against IPython parallel with the same number of engines and the same workloads, and
 * measures the broker's own limit, then prints the comparison and writes {@code docs/benchmarks/results.md},
 * {@code results.json} and {@code chart.png}. Run it from the repository root with {@code scripts/bench.sh}
 * (options: {@code --engines N}, {@code --quick}, {@code --only jparallel|ipyparallel|broker|scale},
 * {@code --scale N}). The scale part ({@link ScaleBenchmark}) runs only when asked for and writes
 * {@code scale.md}.
 * <p>
 * The parts run one after the other so they never compete for the CPU; every part and workload has a time
 * limit, so the whole run stays under 10 minutes even when something hangs.
 */
public final class BenchmarkRunner {

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws IOException {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.exit(2);
			return;
		}
		PrintStream out = System.out;
		long started = System.nanoTime();
		String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		String command = System.getenv().getOrDefault("BENCH_COMMAND", "BenchmarkRunner " + String.join(" ", args));
		out.printf(Locale.ROOT, "JParallel benchmarks: %d engines, %s counts, parts %s%n", options.engines(),
				options.quick() ? "quick" : "full", options.parts());

		Duration workloadLimit = Duration.ofSeconds(options.quick() ? 60 : 90);
		SystemResults jp = SystemResults.failed("jparallel", "not run (--only)");
		if (options.runs(BenchOptions.Part.JPARALLEL)) {
			jp = new JParallelWorkloads(options.engines(), options.counts(), workloadLimit, out).run();
		}
		SystemResults ipp = SystemResults.failed("ipyparallel", "not run (--only)");
		if (options.runs(BenchOptions.Part.IPYPARALLEL)) {
			ipp = new IpyparallelWorkloads(options.engines(), options.quick(), Path.of("bench", "ipyparallel_bench.py"),
					workloadLimit, Duration.ofSeconds(options.quick() ? 150 : 270), out).run();
		}
		BrokerResults broker = null;
		if (options.runs(BenchOptions.Part.BROKER)) {
			broker = new BrokerLimit(Path.of("bench", "target", "lib"), options.quick() ? 8 : 15, out).run();
		}

		MachineInfo machine = MachineInfo.collect();
		if (options.runs(BenchOptions.Part.SCALE)) {
			ScaleResults scale = new ScaleBenchmark(options.scaleEngines(), out).run();
			String markdown = ScaleReport.markdown(scale, command, date, machine);
			Path dir = Path.of(options.outDir());
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("scale.md"), markdown, StandardCharsets.UTF_8);
			out.println();
			out.print(markdown);
			out.printf(Locale.ROOT, "%nWrote %s%n", dir.resolve("scale.md"));
		}
		if (!options.compares()) {
			System.exit(0);
			return;
		}
		RunInfo run = new RunInfo(date, command, (System.nanoTime() - started) / 1e9, options.engines(), options.quick(),
				options.counts(), machine, ResultsReport.versions(machine, ipp, broker));
		List<ReportRow> rows = Comparison.rows(jp, ipp, broker, options.engines());
		ResultsReport report = new ResultsReport(run, rows, jp, ipp, broker);

		Path dir = Path.of(options.outDir());
		Files.createDirectories(dir);
		Path json = dir.resolve("results.json");
		Files.writeString(json, ResultsJson.write(run, rows, jp, ipp, broker), StandardCharsets.UTF_8);
		Files.writeString(dir.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
		drawChart(json, dir.resolve("chart.png"), out);

		out.println();
		out.print(report.consoleTable());
		out.printf(Locale.ROOT, "%nWrote %s, %s and %s; the run took %.0f s.%n", json, dir.resolve("results.md"),
				dir.resolve("chart.png"), run.durationSeconds());
		// Abandoned workload threads (timeouts) and client threads must not keep the JVM alive.
		System.exit(0);
	}

	/** Draws chart.png with {@code bench/chart.py} (matplotlib from Debian's python); a failure is only reported. */
	private static void drawChart(Path json, Path png, PrintStream out) {
		try {
			Process process = new ProcessBuilder(IpyparallelWorkloads.PYTHON, "bench/chart.py", json.toString(),
					png.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				out.println("[chart] bench/chart.py failed: " + output.trim());
			}
		}
		catch (IOException ex) {
			out.println("[chart] cannot run bench/chart.py: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
