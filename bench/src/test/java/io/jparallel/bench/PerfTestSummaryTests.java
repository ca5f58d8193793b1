package io.jparallel.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Output captured from PerfTest 2.22.1 on this machine. */
class PerfTestSummaryTests {

	private static final String CONFIRMED_MILLIS = """
			id: test-125735-798, starting consumer #0
			id: test-125735-798, starting producer #0
			id: test-125735-798, time 1.001 s, sent: 11455 msg/s, confirmed: 11355 msg/s, nacked: 0 msg/s, received: 11250 msg/s, min/median/75th/95th/99th consumer latency: 1/6/10/16/20 ms, confirm latency: 0/3/5/8/13 ms
			id: test-125735-798, time 5.001 s, sent: 17049 msg/s, confirmed: 17049 msg/s, nacked: 0 msg/s, received: 18071 msg/s, min/median/75th/95th/99th consumer latency: 1/9/154/226/281 ms, confirm latency: 0/4/6/12/19 ms
			test stopped (Reached time limit)
			id: test-125735-798, sending rate avg: 14857 msg/s
			id: test-125735-798, receiving rate avg: 14512 msg/s
			id: test-125735-798, consumer latency min/median/75th/95th/99th 1/10/79/285/362 ms
			id: test-125735-798, confirm latency min/median/75th/95th/99th 0/4/6/12/17 ms
			""";

	private static final String FIXED_RATE_MICROS = """
			id: test-125741-488, time 5.000 s, sent: 999 msg/s, received: 999 msg/s, min/median/75th/95th/99th consumer latency: 109/268/327/466/2928 µs
			test stopped (Reached time limit)
			id: test-125741-488, sending rate avg: 1094 msg/s
			id: test-125741-488, receiving rate avg: 1094 msg/s
			id: test-125741-488, consumer latency min/median/75th/95th/99th 114/354/486/30139/36999 µs
			""";

	@Test
	void parsesRatesAndSummaryLatencyInMillis() {
		PerfTestSummary summary = PerfTestSummary.parse(CONFIRMED_MILLIS);
		assertThat(summary.sendRate()).isEqualTo(14857);
		assertThat(summary.receiveRate()).isEqualTo(14512);
		assertThat(summary.latencyMedianMs()).isEqualTo(10);
		assertThat(summary.latencyP99Ms()).isEqualTo(362);
	}

	@Test
	void convertsMicrosecondsToMillis() {
		PerfTestSummary summary = PerfTestSummary.parse(FIXED_RATE_MICROS);
		assertThat(summary.receiveRate()).isEqualTo(1094);
		assertThat(summary.latencyMedianMs()).isCloseTo(0.354, within(1e-9));
		assertThat(summary.latencyP99Ms()).isCloseTo(36.999, within(1e-9));
	}

	@Test
	void aMangledMicroSignIsStillMicroseconds() {
		String mangled = FIXED_RATE_MICROS.replace("µs", "\u00c2\u00b5s");
		assertThat(PerfTestSummary.parse(mangled).latencyMedianMs()).isCloseTo(0.354, within(1e-9));
	}

	@Test
	void noSummaryIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PerfTestSummary.parse("Main thread caught exception: java.net.ConnectException\n"));
	}

	@Test
	void brokerBoundIsTheLimitOverThreePublishes() {
		BrokerResults broker = new BrokerResults(PerfTestSummary.parse(CONFIRMED_MILLIS), null, null, "3.10.8", "2.22.1",
				java.util.Map.of());
		assertThat(broker.limit()).isEqualTo(14512);
		assertThat(broker.perTaskBound()).isCloseTo(14512 / 3.0, within(1e-9));
		assertThat(broker.latencyMedianMs()).isNaN();
	}

}
