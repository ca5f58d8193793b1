package io.jparallel.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ProcessCpuTests {

	@Test
	void addsUserSystemAndWaitedForChildrenTimeInClockTicks() {
		// fields 14-17: utime 150, stime 50, cutime 7, cstime 3
		String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 7 3 20 0 30 0 1234 5000 600";

		assertThat(ProcessCpu.parseStat(stat, 100)).isCloseTo(2.10, within(1e-9));
		assertThat(ProcessCpu.parseStat(stat, 1000)).isCloseTo(0.21, within(1e-9));
		assertThat(ProcessCpu.parseStat(stat, 100, 15)).as("own threads only").isCloseTo(2.00, within(1e-9));
	}

	@Test
	void countsFieldsAfterTheLastParenthesisSinceTheCommandNameMayHoldSpacesAndParentheses() {
		String stat = "77 (Web Content (x) ) R 1 77 77 0 -1 0 0 0 0 0 100 100 0 0 20 0 1 0 1 2 3";

		assertThat(ProcessCpu.parseStat(stat, 100)).isCloseTo(2.0, within(1e-9));
	}

	@Test
	void rejectsALineWithoutACommandName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessCpu.parseStat("garbage", 100));
	}

	@Test
	void readsThisProcessAndTheClockTickRate() {
		assertThat(ProcessCpu.clockTicks()).isPositive();
		assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isPositive();
		assertThat(ProcessCpu.treeSeconds(ProcessHandle.current().pid()))
			.isGreaterThanOrEqualTo(ProcessCpu.seconds(ProcessHandle.current().pid()) - 0.5);
		assertThat(ProcessCpu.seconds(Long.MAX_VALUE)).isZero();
	}

}
