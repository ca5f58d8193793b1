package io.jparallel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ThreadCpuTests {

	@Test
	void aJvmsCompilerThreadsAreCountedAndAGoneProcessHasNone() {
		assumeThat(Files.isDirectory(Path.of("/proc/self/task"))).as("Linux /proc").isTrue();
		long self = ProcessHandle.current().pid();
		double total = ProcessCpu.seconds(self);

		// this JVM has compiled the test framework's code by now
		assertThat(ThreadCpu.compilerSeconds(self)).isPositive().isLessThanOrEqualTo(total);
		assertThat(ThreadCpu.compilerSeconds(Long.MAX_VALUE)).isZero();
	}

	@Test
	void whatEachProcessUsedBetweenTwoReadingsCountsANewProcessWhole() {
		Map<String, Double> used = JParallelWorkloads.difference(Map.of("hub", 3.5, "engine-0", 1.25),
				Map.of("hub", 3.0));

		assertThat(used).containsEntry("hub", 0.5).containsEntry("engine-0", 1.25).hasSize(2);
	}

}
