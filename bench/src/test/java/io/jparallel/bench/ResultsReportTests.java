package io.jparallel.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsReportTests {

	private static final SystemResults JP = new SystemResults("jparallel",
			Map.of("start_s", 10.0, "direct_p50_ms", 1.0, "lb_tasks_per_s", 5_000.0, "push_mb_per_s", 300.0,
					"pull_mb_per_s", 100.0),
			Map.of("map1_items_per_s", "ResultTimeoutException: no result within 60 s"),
			Map.of("hub", 300L << 20, "engine-0", 200L << 20, "client", 999L << 20), Map.of(), Map.of());

	private static final SystemResults IPP = new SystemResults("ipyparallel",
			Map.of("start_s", 5.0, "direct_p50_ms", 4.0, "lb_tasks_per_s", 400.0, "map1_items_per_s", 300.0,
					"push_mb_per_s", 100.0, "pull_mb_per_s", 100.0),
			Map.of(), Map.of("controller", 100L << 20), Map.of(), Map.of("controller", 60L << 20), Map.of(),
			Map.of("controller", 1.5, "client", 0.5), Map.of("ipyparallel", "7.1.0"));

	private static final BrokerResults BROKER = new BrokerResults(new PerfTestSummary(30_000, 30_000, 1, 2),
			new PerfTestSummary(1_000, 1_000, 0.25, 2), null, "3.10.8", "2.22.1", Map.of());

	private static ReportRow row(List<ReportRow> rows, String key) {
		return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void ratiosAndTargetsInBothDirections() {
		List<ReportRow> rows = Comparison.rows(JP, IPP, BROKER, 4);
		ReportRow start = row(rows, "start_s");
		assertThat(start.ratio()).isEqualTo(2.0);
		assertThat(start.status()).isEqualTo(ReportRow.Status.UNMET);
		assertThat(start.better()).isEqualTo("lower is better");
		ReportRow direct = row(rows, "direct_p50_ms");
		assertThat(direct.ratio()).isEqualTo(0.25);
		assertThat(direct.status()).isEqualTo(ReportRow.Status.MET);
		assertThat(row(rows, "lb_tasks_per_s").status()).isEqualTo(ReportRow.Status.MET);
		assertThat(row(rows, "push_mb_per_s").status()).isEqualTo(ReportRow.Status.MET);
		assertThat(row(rows, "pull_mb_per_s").status()).isEqualTo(ReportRow.Status.UNMET);
		assertThat(row(rows, "direct_p99_ms").status()).isEqualTo(ReportRow.Status.NO_TARGET);
	}

	@Test
	void aFailedWorkloadIsMarkedWithItsError() {
		ReportRow map = row(Comparison.rows(JP, IPP, BROKER, 4), "map1_items_per_s");
		assertThat(map.jparallel()).isNaN();
		assertThat(map.status()).isEqualTo(ReportRow.Status.MISSING);
		assertThat(map.note()).contains("JParallel: ResultTimeoutException: no result within 60 s");
	}

	@Test
	void idleRssTotalsLeaveTheClientOutAndAreJudgedByTheirRatio() {
		ReportRow idle = row(Comparison.rows(JP, IPP, BROKER, 4), "rss_idle_total_mb");
		assertThat(idle.jparallel()).isEqualTo(500.0);
		assertThat(idle.ipyparallel()).isEqualTo(100.0);
		assertThat(idle.target()).isEqualTo("≤ 1.2×");
		assertThat(idle.status()).isEqualTo(ReportRow.Status.UNMET);
		SystemResults small = new SystemResults("ipyparallel", Map.of(), Map.of(), Map.of("controller", 420L << 20),
				Map.of(), Map.of());
		assertThat(row(Comparison.rows(JP, small, BROKER, 4), "rss_idle_total_mb").status())
			.isEqualTo(ReportRow.Status.MET);
	}

	@Test
	void peakRssIsJudgedAgainstTheBudgetAndPssHasARowWithoutTarget() {
		SystemResults loaded = new SystemResults("jparallel", Map.of(), Map.of(), Map.of(), Map.of("hub", 2100L << 20),
				Map.of("hub", 250L << 20, "client", 1L << 30), Map.of(), Map.of(), Map.of());
		List<ReportRow> rows = Comparison.rows(loaded, IPP, BROKER, 4);
		assertThat(row(rows, "rss_load_total_mb").target()).isEqualTo("JParallel < 2,048 MiB");
		assertThat(row(rows, "rss_load_total_mb").status()).isEqualTo(ReportRow.Status.UNMET);
		ReportRow pss = row(rows, "pss_idle_total_mb");
		assertThat(pss.label()).isEqualTo("Total PSS, idle");
		assertThat(pss.jparallel()).isEqualTo(250.0);
		assertThat(pss.ipyparallel()).isEqualTo(60.0);
		assertThat(pss.status()).isEqualTo(ReportRow.Status.NO_TARGET);
	}

	@Test
	void consoleAndMarkdownShowEachProcesssCpuAtStartAndTheTotalWithoutTheClient() {
		ResultsReport report = report();
		assertThat(report.consoleTable()).contains("ipyparallel: total 1.50 s (controller 1.50; the benchmark's client 0.500, "
				+ "not in the total)").contains("JParallel: not measured");
		String md = report.markdown();
		assertThat(md).contains("| system | process | RSS idle | PSS idle | RSS under load | PSS under load | CPU s at start |")
			.contains("| ipyparallel | controller | 100 | 60.0 | – | – | 1.50 |")
			.contains("| ipyparallel | client | – | – | – | – | 0.500 |")
			.contains("| ipyparallel | **total** (without client) | **100** | **60.0** | **–** | **–** | **1.50** |");
	}

	@Test
	void loadBalancedThroughputAgainstTheBrokerBound() {
		ReportRow share = row(Comparison.rows(JP, IPP, BROKER, 4), "lb_share_of_broker_bound");
		assertThat(share.jparallel()).isEqualTo(0.5);
		assertThat(share.target()).isEqualTo("≥ 0.4×");
		assertThat(share.status()).isEqualTo(ReportRow.Status.MET);
	}

	@Test
	void consoleTableIsAlignedAndListsFailures() {
		ResultsReport report = report();
		String table = report.consoleTable();
		List<String> lines = table.lines().toList();
		assertThat(lines.get(0)).startsWith("Figure").contains("| JParallel |").contains("| Status");
		assertThat(lines.get(1)).matches("[-+]+");
		int width = lines.get(0).indexOf("| Unit");
		assertThat(lines.subList(2, 2 + Metric.values().length)).allSatisfy(line -> assertThat(line.indexOf(" | "))
			.isEqualTo(width - 1));
		assertThat(table).contains("Cluster start until usable").contains("2.00×").contains("UNMET");
		assertThat(table).contains("per-task bound: limit 30,000 msg/s / 3 publishes per load-balanced task = 10,000 tasks/s");
		assertThat(table).contains("Failures:").contains("JParallel map1_items_per_s: ResultTimeoutException");
	}

	@Test
	void markdownHasTheTableMachineAndVersions() {
		String md = report().markdown();
		assertThat(md).contains("| Figure | Unit | JParallel | ipyparallel | JP/ipp | Better | Target | Status |");
		assertThat(md).contains("|---|---|---:|---:|---:|---|---|---|");
		assertThat(md).contains("| Direct round trip p50 | ms | 1.00 | 4.00 | 0.250× | lower is better | ≤ 0.4× | met |");
		assertThat(md).contains("| cpus (nproc) | 2 |").contains("| ipyparallel | 7.1.0 |");
		assertThat(md).contains("`scripts/bench.sh --quick`").contains("**quick counts**");
		assertThat(md).contains("| JParallel | **total** (without client) | **500** | **–** |");
	}

	@Test
	void jsonHasNullsInsteadOfNaNAndRoundTripsThePythonShape() {
		String json = ResultsJson.write(runInfo(), Comparison.rows(JP, IPP, BROKER, 4), JP, IPP, BROKER);
		assertThat(json).doesNotContain("NaN").contains("\"ratio\": null").contains("\"per_task_bound_tasks_s\": 10000.0");
		SystemResults parsed = ResultsJson.parseSystem("""
				{"system": "ipyparallel", "metrics": {"start_s": 7.5, "direct_p50_ms": null}, "errors": {"x": "boom"},
				 "rss_idle": {"engine-0": 1048576}, "rss_load": {}, "pss_idle": {"engine-0": 524288},
				 "pss_load": {"engine-0": 2097152}, "cpu_start": {"engine-0": 1.25, "client": 0.5},
				 "versions": {"ipyparallel": "7.1.0"}}
				""");
		assertThat(parsed.metrics()).containsExactly(Map.entry("start_s", 7.5));
		assertThat(parsed.errors()).containsEntry("x", "boom");
		assertThat(parsed.value(Metric.RSS_IDLE_MB)).contains(1.0);
		assertThat(parsed.versions()).containsEntry("ipyparallel", "7.1.0");
		assertThat(parsed.value(Metric.PSS_IDLE_MB)).contains(0.5);
		assertThat(parsed.pssLoad()).containsEntry("engine-0", 2097152L);
		assertThat(parsed.cpuStart()).containsEntry("engine-0", 1.25);
		assertThat(parsed.cpuStartTotal()).contains(1.25);
		String written = ResultsJson.write(runInfo(), Comparison.rows(JP, parsed, BROKER, 4), JP, parsed, BROKER);
		assertThat(written).contains("\"pss_idle_bytes\": {\n      \"engine-0\": 524288\n    }")
			.contains("\"cpu_start_total_s\": 1.25");
	}

	@Test
	void formatsNumbersWithThreeSignificantDigits() {
		assertThat(Format.number(12_345.6)).isEqualTo("12,346");
		assertThat(Format.number(123.4)).isEqualTo("123");
		assertThat(Format.number(12.34)).isEqualTo("12.3");
		assertThat(Format.number(1.234)).isEqualTo("1.23");
		assertThat(Format.number(0.01234)).isEqualTo("0.0123");
		assertThat(Format.number(Double.NaN)).isEqualTo("–");
		assertThat(Format.ratio(0.4)).isEqualTo("0.400×");
	}

	private static RunInfo runInfo() {
		MachineInfo machine = new MachineInfo(2, "Test CPU", 8L << 30, "6.1.0", "Debian 17.0.15", "0.1.0-SNAPSHOT",
				"abc1234");
		return new RunInfo("2026-11-21T13:00:00Z", "scripts/bench.sh --quick", 300, 4, true, Counts.quick(), machine,
				ResultsReport.versions(machine, IPP, BROKER));
	}

	private static ResultsReport report() {
		return new ResultsReport(runInfo(), Comparison.rows(JP, IPP, BROKER, 4), JP, IPP, BROKER);
	}

}
