package io.jparallel.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the comparison for people: a fixed-width table for the console and a markdown page for
 * {@code docs/benchmarks/results.md}. Both show the same rows; the markdown adds the machine, versions,
 * per-process memory and every error.
 */
public final class ResultsReport {

	private static final String[] HEADERS = { "Figure", "Unit", "JParallel", "ipyparallel", "JP/ipp", "Better",
			"Target", "Status" };

	private final RunInfo run;

	private final List<ReportRow> rows;

	private final SystemResults jparallel;

	private final SystemResults ipyparallel;

	private final BrokerResults broker;

	public ResultsReport(RunInfo run, List<ReportRow> rows, SystemResults jparallel, SystemResults ipyparallel,
			BrokerResults broker) {
		this.run = run;
		this.rows = List.copyOf(rows);
		this.jparallel = jparallel;
		this.ipyparallel = ipyparallel;
		this.broker = broker;
	}

	static List<String> cells(ReportRow row) {
		return List.of(row.label(), row.unit(), Format.number(row.jparallel()), Format.number(row.ipyparallel()),
				Format.ratio(row.ratio()), row.better(), row.target(), row.status().text());
	}

	/** The console table, then the broker figures and any errors. */
	public String consoleTable() {
		List<List<String>> table = new ArrayList<>();
		table.add(List.of(HEADERS));
		this.rows.forEach(row -> table.add(cells(row)));
		int[] widths = new int[HEADERS.length];
		for (List<String> line : table) {
			for (int c = 0; c < widths.length; c++) {
				widths[c] = Math.max(widths[c], line.get(c).length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (int r = 0; r < table.size(); r++) {
			List<String> line = table.get(r);
			for (int c = 0; c < widths.length; c++) {
				boolean numeric = c >= 2 && c <= 4;
				String cell = line.get(c);
				String padded = numeric ? " ".repeat(widths[c] - cell.length()) + cell
						: cell + " ".repeat(widths[c] - cell.length());
				out.append(c == 0 ? "" : " | ").append(padded);
			}
			trimEnd(out);
			out.append('\n');
			if (r == 0) {
				for (int c = 0; c < widths.length; c++) {
					out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
				}
				out.append('\n');
			}
		}
		out.append('\n');
		cpuLines().forEach(line -> out.append(line).append('\n'));
		out.append('\n');
		brokerLines().forEach(line -> out.append(line).append('\n'));
		List<String> errors = errors();
		if (!errors.isEmpty()) {
			out.append("\nFailures:\n");
			errors.forEach(e -> out.append("  ").append(e).append('\n'));
		}
		return out.toString();
	}

	private static void trimEnd(StringBuilder text) {
		while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
			text.setLength(text.length() - 1);
		}
	}

	/** The broker figures as sentences, shared by the console and the markdown. */
	List<String> brokerLines() {
		List<String> lines = new ArrayList<>();
		if (this.broker == null) {
			lines.add("Broker limit: not measured");
			return lines;
		}
		lines.add("Broker limit (RabbitMQ " + nullToUnknown(this.broker.rabbitmqVersion()) + ", PerfTest "
				+ this.broker.perfTestVersion() + ", 1 producer / 1 consumer, 200-byte messages):");
		PerfTestSummary t = this.broker.throughput();
		lines.add((t != null) ? String.format(Locale.ROOT,
				"  throughput with publisher confirms + manual acks: sent %s msg/s, received %s msg/s (higher is better)",
				Format.number(t.sendRate()), Format.number(t.receiveRate())) : "  throughput: failed");
		PerfTestSummary l = this.broker.latency();
		lines.add((l != null) ? String.format(Locale.ROOT,
				"  one-hop latency at 1,000 msg/s: median %s ms, p99 %s ms (achieved %s msg/s; lower is better)",
				Format.number(l.latencyMedianMs()), Format.number(l.latencyP99Ms()), Format.number(l.receiveRate()))
				: "  latency: failed");
		PerfTestSummary large = this.broker.largeMessages();
		if (large != null) {
			double mib = Math.min(large.sendRate(), large.receiveRate());
			lines.add(String.format(Locale.ROOT,
					"  1 MiB messages with confirms + manual acks: %s msg/s = %s MiB/s one hop; a push crosses the broker "
							+ "twice (client→scheduler→engine), a pull once: bounds ~%s and ~%s MiB/s (higher is better)",
					Format.number(mib), Format.number(mib), Format.number(mib / 2), Format.number(mib)));
		}
		lines.add(String.format(Locale.ROOT,
				"  per-task bound: limit %s msg/s / %d publishes per load-balanced task = %s tasks/s "
						+ "(the hub's %d audit copies add deliveries: limit / %d = %s)",
				Format.number(this.broker.limit()), BrokerResults.PUBLISHES_PER_TASK,
				Format.number(this.broker.perTaskBound()), BrokerResults.AUDIT_COPIES_PER_TASK,
				BrokerResults.PUBLISHES_PER_TASK + BrokerResults.AUDIT_COPIES_PER_TASK,
				Format.number(this.broker.limit()
						/ (BrokerResults.PUBLISHES_PER_TASK + BrokerResults.AUDIT_COPIES_PER_TASK))));
		return lines;
	}

	/** The CPU-seconds each system's processes had consumed when its cluster became usable. */
	List<String> cpuLines() {
		List<String> lines = new ArrayList<>();
		lines.add("CPU-seconds consumed by the time the cluster was usable (utime+stime from /proc/<pid>/stat):");
		for (SystemResults results : List.of(this.jparallel, this.ipyparallel)) {
			String system = results == this.jparallel ? "JParallel" : "ipyparallel";
			if (results.cpuStart().isEmpty()) {
				lines.add("  " + system + ": not measured");
				continue;
			}
			StringBuilder line = new StringBuilder("  " + system + ": total ")
				.append(Format.number(results.cpuStartTotal().orElse(Double.NaN)))
				.append(" s (");
			List<String> parts = new ArrayList<>();
			results.cpuStart().forEach((name, seconds) -> {
				if (!name.equals(SystemResults.CLIENT)) {
					parts.add(name + " " + Format.number(seconds));
				}
			});
			line.append(String.join(", ", parts));
			Double client = results.cpuStart().get(SystemResults.CLIENT);
			if (client != null) {
				line.append("; the benchmark's client ").append(Format.number(client)).append(", not in the total");
			}
			lines.add(line.append(')').toString());
		}
		return lines;
	}

	/** Every failure, one line each. */
	List<String> errors() {
		List<String> errors = new ArrayList<>();
		this.jparallel.errors().forEach((k, v) -> errors.add("JParallel " + k + ": " + v));
		this.ipyparallel.errors().forEach((k, v) -> errors.add("ipyparallel " + k + ": " + v));
		if (this.broker != null) {
			this.broker.errors().forEach((k, v) -> errors.add("broker " + k + ": " + v));
		}
		return errors;
	}

	public String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmarks: JParallel vs IPython parallel\n\n");
		md.append("Generated by `").append(this.run.command()).append("` on ").append(this.run.date())
			.append(String.format(Locale.ROOT, " (run took %.0f s). ", this.run.durationSeconds()))
			.append(this.run.engines()).append(" engines for both systems")
			.append(this.run.quick() ? ", **quick counts** (not the issue's)" : ", the issue's counts").append(".\n\n");
		md.append("Cluster start is measured as a user sees it after their first start of a build: each JParallel "
				+ "service maps a class data sharing archive recorded by that first start (the runner does an untimed "
				+ "start and stop first when the archives are missing), as ipyparallel's modules come byte-compiled "
				+ "from its package. Both starts include their broker/controller.\n\n");
		md.append("JParallel's hub records all traffic in the background, behind the request path, so after thousands "
				+ "of load-balanced tasks it is still recording them for a few seconds. Each JParallel workload after the "
				+ "round trips starts once the hub has caught up, so that this work is not billed to the next workload; "
				+ "the time waited is the row \"Hub's audit catching up between workloads\". The load-balanced figures "
				+ "are measured while the hub is behind, as a user submitting them sees them.\n\n");
		md.append("Ratio = JParallel / ipyparallel. For \"higher is better\" figures a ratio above 1 favours JParallel; "
				+ "for \"lower is better\" ones, a ratio below 1 does.\n\n");
		md.append('|');
		for (String h : HEADERS) {
			md.append(' ').append(h).append(" |");
		}
		md.append("\n|");
		for (int c = 0; c < HEADERS.length; c++) {
			md.append((c >= 2 && c <= 4) ? "---:|" : "---|");
		}
		md.append('\n');
		for (ReportRow row : this.rows) {
			md.append('|');
			for (String cell : cells(row)) {
				md.append(' ').append(escape(cell)).append(" |");
			}
			md.append('\n');
		}
		List<String> notes = this.rows.stream()
			.filter(r -> !r.note().isEmpty())
			.map(r -> "- " + r.label() + ": " + escape(r.note()))
			.toList();
		if (!notes.isEmpty()) {
			md.append('\n');
			notes.forEach(n -> md.append(n).append('\n'));
		}
		md.append("\n![ratios](chart.png)\n\n## Broker\n\n");
		brokerLines().forEach(line -> md.append(line.startsWith("  ") ? "- " + line.trim() : line).append('\n'));
		md.append("\n## Memory and start CPU per process\n\n");
		md.append(memoryTable());
		md.append("\nMemory in MiB. RSS counts pages shared between processes once per process (shared libraries; "
				+ "the class data sharing archive that all JVMs of a service map; ipyparallel's controller forks its "
				+ "schedulers), so RSS totals overstate what the cluster holds; PSS (proportional set size, from "
				+ "/proc/<pid>/smaps_rollup) splits each shared page among the processes that map it, so PSS totals "
				+ "add up. Under load: the peak of each process, sampled every 0.5 s. \"CPU s at start\": "
				+ "CPU-seconds (user + system, from /proc/<pid>/stat) each process had consumed when the cluster "
				+ "became usable. \"client\" is the benchmark process itself and is not in the totals. The RabbitMQ "
				+ "figures are the node's whole process tree.\n");
		List<String> errors = errors();
		md.append("\n## Failures\n\n");
		if (errors.isEmpty()) {
			md.append("None.\n");
		}
		else {
			errors.forEach(e -> md.append("- ").append(escape(e)).append('\n'));
		}
		md.append("\n## Machine and versions\n\n| | |\n|---|---|\n");
		this.run.machine().asMap().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(escape(v)).append(" |\n"));
		this.run.versions().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(escape(v)).append(" |\n"));
		Counts c = this.run.counts();
		md.append(String.format(Locale.ROOT, "%n## Workloads%n%n"
				+ "1. Direct `apply` of a no-op on engine 0: %d warm-up, then p50/p99 of %d round trips.%n"
				+ "2. Load-balanced `applyAsync` of a no-op x%d, then wait for all: tasks/s.%n"
				+ "3. Load-balanced `map` of `mul` over %d items, chunksize 1: items/s.%n"
				+ "4. Load-balanced `map` over %d items, chunksize %d: items/s.%n"
				+ "5. Push, then pull, a %d MB `double[]` (numpy float64 array) to/from engine 0: MB/s.%n"
				+ "6. `execute` of `int x = 1;` (`x = 1`) on all engines: median ms of %d after %d warm-up.%n"
				+ "Cluster start: from the start call until every engine answered one call; each process's CPU-seconds "
				+ "at that moment. Memory: RSS and PSS idle after start, and the peak of each process sampled every "
				+ "0.5 s during workloads 2 and 3. JParallel's registry holds its start until the machine is quiet, so "
				+ "its idle figures are read once it listens, after the workloads (and count for its peak if larger).%n",
				c.warmup(), c.roundTrips(), c.lbTasks(), c.map1Items(), c.mapChunkedItems(), c.chunksize(), c.pushMb(),
				c.executeReps(), c.executeWarmup()));
		return md.toString();
	}

	private String memoryTable() {
		Set<String> names = new LinkedHashSet<>();
		names.addAll(this.jparallel.rssIdle().keySet());
		names.addAll(this.jparallel.rssLoad().keySet());
		names.addAll(this.jparallel.cpuStart().keySet());
		Set<String> ippNames = new LinkedHashSet<>();
		ippNames.addAll(this.ipyparallel.rssIdle().keySet());
		ippNames.addAll(this.ipyparallel.rssLoad().keySet());
		ippNames.addAll(this.ipyparallel.cpuStart().keySet());
		StringBuilder md = new StringBuilder("| system | process | RSS idle | PSS idle | RSS under load | "
				+ "PSS under load | CPU s at start |\n|---|---|---:|---:|---:|---:|---:|\n");
		appendMemory(md, "JParallel", names, this.jparallel);
		appendMemory(md, "ipyparallel", ippNames, this.ipyparallel);
		return md.toString();
	}

	private static void appendMemory(StringBuilder md, String system, Set<String> names, SystemResults results) {
		for (String name : names) {
			Double cpu = results.cpuStart().get(name);
			md.append("| ").append(system).append(" | ").append(name).append(" | ")
				.append(mib(results.rssIdle().get(name))).append(" | ").append(mib(results.pssIdle().get(name)))
				.append(" | ").append(mib(results.rssLoad().get(name))).append(" | ")
				.append(mib(results.pssLoad().get(name))).append(" | ")
				.append((cpu == null) ? "–" : Format.number(cpu)).append(" |\n");
		}
		md.append("| ").append(system).append(" | **total** (without client) | **")
			.append(Format.number(results.value(Metric.RSS_IDLE_MB).orElse(Double.NaN))).append("** | **")
			.append(Format.number(results.value(Metric.PSS_IDLE_MB).orElse(Double.NaN))).append("** | **")
			.append(Format.number(results.value(Metric.RSS_LOAD_MB).orElse(Double.NaN))).append("** | **")
			.append(Format.number(pssTotal(results.pssLoad()))).append("** | **")
			.append(Format.number(results.cpuStartTotal().orElse(Double.NaN))).append("** |\n");
	}

	private static double pssTotal(Map<String, Long> pss) {
		long sum = pss.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals(SystemResults.CLIENT))
			.mapToLong(Map.Entry::getValue)
			.sum();
		return (sum > 0) ? Format.mib(sum) : Double.NaN;
	}

	private static String mib(Long bytes) {
		return (bytes == null) ? "–" : Format.number(Format.mib(bytes));
	}

	private static String escape(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

	private static String nullToUnknown(String s) {
		return (s == null) ? "unknown" : s;
	}

	/** Versions of everything involved, gathered from the run's parts. */
	public static Map<String, String> versions(MachineInfo machine, SystemResults ipp, BrokerResults broker) {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("java", machine.java());
		versions.put("JParallel", machine.jparallelVersion() + " (git " + machine.gitCommit() + ")");
		versions.put("ipyparallel", ipp.versions().getOrDefault("ipyparallel", "unknown"));
		versions.put("python", ipp.versions().getOrDefault("python", "unknown"));
		if (ipp.versions().containsKey("pyzmq")) {
			versions.put("pyzmq / libzmq", ipp.versions().get("pyzmq") + " / " + ipp.versions().get("libzmq"));
		}
		versions.put("RabbitMQ", (broker != null && broker.rabbitmqVersion() != null) ? broker.rabbitmqVersion()
				: "unknown");
		versions.put("PerfTest", (broker != null) ? broker.perfTestVersion() : BrokerLimit.perfTestVersion());
		return versions;
	}

}
