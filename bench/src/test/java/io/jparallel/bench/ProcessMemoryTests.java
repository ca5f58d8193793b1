package io.jparallel.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTests {

	@Test
	void readsPssFromSmapsRollupNotItsBreakdownLines() {
		List<String> rollup = List.of("56452b8f7000-7fff5cf19000 ---p 00000000 00:00 0                          [rollup]",
				"Rss:                1744 kB", "Pss_Dirty:           112 kB", "Pss:                 171 kB",
				"Pss_Anon:            112 kB", "Shared_Clean:       1592 kB");

		assertThat(ProcessMemory.parsePss(rollup)).isEqualTo(171L * 1024);
		assertThat(ProcessMemory.parsePss(List.of("Rss: 10 kB"))).isZero();
	}

	@Test
	void pssOfThisProcessIsAtMostItsRss() {
		long pid = ProcessHandle.current().pid();
		long pss = ProcessMemory.pss(pid);

		assertThat(pss).isPositive().isLessThanOrEqualTo(ProcessMemory.rss(pid) + (1L << 20));
		assertThat(ProcessMemory.treePss(pid)).isGreaterThanOrEqualTo(pss / 2);
		assertThat(ProcessMemory.pss(Long.MAX_VALUE)).isZero();
	}

}
