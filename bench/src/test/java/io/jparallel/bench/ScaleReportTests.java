package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleReportTests {

	private static final MachineInfo MACHINE = new MachineInfo(2, "AMD EPYC", 24L << 30, "6.1", "17", "0.1.0",
			"abc1234");

	private static ScaleResults aScaleRun() {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("registry", 10.0);
		cpu.put("hub", 20.0);
		cpu.put("scheduler", 8.0);
		cpu.put("engine-0", 2.0);
		cpu.put("engine-1", 3.0);
		cpu.put("engine-2", 4.0);
		cpu.put("rabbitmq", 5.0);
		cpu.put("client", 99.0);
		Map<String, Long> rss = new LinkedHashMap<>();
		rss.put("hub", 300L << 20);
		rss.put("engine-0", 100L << 20);
		rss.put("engine-1", 120L << 20);
		rss.put("engine-2", 110L << 20);
		rss.put("client", 500L << 20);
		Map<String, Long> pss = new LinkedHashMap<>();
		pss.put("hub", 200L << 20);
		pss.put("engine-0", 60L << 20);
		pss.put("engine-1", 80L << 20);
		pss.put("engine-2", 70L << 20);
		return new ScaleResults(3, List.of("-Xmx64m"), 40.0, 45.5, cpu, rss, pss, rss, pss, 300, 1.5,
				List.of(30.0, 10.0, 12.0, 11.0), 4.0, "20.1 / 18.0 / 15.2", "22.0 / 19.0 / 15.5", Map.of());
	}

	@Test
	void reportsStartWorkloadsAndEngineMediansAndMaxima() {
		String md = ScaleReport.markdown(aScaleRun(), "scripts/bench.sh --only scale", "2026-11-30T10:00:00Z", MACHINE);

		assertThat(md).startsWith("# Scale: a cluster of 3 engines on one machine")
			.contains("`-Xmx64m`")
			.contains("Load average (1/5/15 min) 20.1 / 18.0 / 15.2 before the start, 22.0 / 19.0 / 15.5 after")
			.contains("| every engine registered with the hub | 40.0 |")
			.contains("| every engine answered one call (usable) | 45.5 |")
			.contains("over 300 items (3 × 100), chunksize 1 | 1.50 s = 200 items/s |")
			.contains("all 3 engines, first | 30.0 ms |")
			.contains("| the same, median of the next 3 | 11.0 ms |")
			.contains("| engine, median | 3.00 | 110 | 70.0 | 110 | 70.0 |")
			.contains("| engine, max | 4.00 | 120 | 80.0 | 120 | 80.0 |")
			.contains("| engines, all 3 | 9.00 | 330 | 210 | 330 | 210 |")
			.contains("| registry | 10.0 | – | – | – | – |")
			.contains("| **total** (without client) | 52.0 | 630 | 410 | 630 | 410 |")
			.contains("| client (this benchmark) | 99.0 | 500 | – |")
			.contains("## Failures\n\nNone.");
	}

	@Test
	void listsWhatFailed() {
		ScaleResults failed = new ScaleResults(64, List.of("-Xmx64m"), Double.NaN, Double.NaN, Map.of(), Map.of(),
				Map.of(), Map.of(), Map.of(), 6400, Double.NaN, List.of(), Double.NaN, "1 / 1 / 1", "1 / 1 / 1",
				Map.of("start", "Timed out after 760 s: 60/64 engines registered"));

		String md = ScaleReport.markdown(failed, "x", "d", MACHINE);

		assertThat(md).contains("| every engine registered with the hub | – |")
			.contains("- start: Timed out after 760 s: 60/64 engines registered");
	}

}
