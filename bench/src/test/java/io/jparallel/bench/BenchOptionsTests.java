package io.jparallel.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void defaultsRunTheComparisonWithFourEnginesAndFullCountsButNotTheScalePart() {
		BenchOptions options = BenchOptions.parse();
		assertThat(options.engines()).isEqualTo(4);
		assertThat(options.counts()).isEqualTo(Counts.full());
		assertThat(options.parts()).containsExactlyInAnyOrder(BenchOptions.Part.JPARALLEL,
				BenchOptions.Part.IPYPARALLEL, BenchOptions.Part.BROKER);
		assertThat(options.compares()).isTrue();
	}

	@Test
	void theScalePartRunsWhenAskedForWith64EnginesUnlessToldOtherwise() {
		BenchOptions only = BenchOptions.parse("--only", "scale");
		assertThat(only.parts()).containsExactly(BenchOptions.Part.SCALE);
		assertThat(only.scaleEngines()).isEqualTo(64);
		assertThat(only.compares()).isFalse();
		BenchOptions sized = BenchOptions.parse("--scale", "16");
		assertThat(sized.parts()).containsExactly(BenchOptions.Part.SCALE);
		assertThat(sized.scaleEngines()).isEqualTo(16);
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--scale", "0"));
	}

	@Test
	void onlyAndQuickAndEngines() {
		BenchOptions options = BenchOptions.parse("--engines", "2", "--quick", "--only", "broker", "--only", "jparallel");
		assertThat(options.engines()).isEqualTo(2);
		assertThat(options.counts()).isEqualTo(Counts.quick());
		assertThat(options.parts()).containsExactlyInAnyOrder(BenchOptions.Part.BROKER, BenchOptions.Part.JPARALLEL);
	}

	@Test
	void rejectsUnknownArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fast"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--only"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--only", "dask"));
	}

	@Test
	void readsVmRssFromProcStatus() {
		assertThat(ProcessMemory.parseVmRss(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads:\t3")))
			.isEqualTo(123456L * 1024);
		assertThat(ProcessMemory.parseVmRss(List.of("Name:\tzombie"))).isZero();
		assertThat(ProcessMemory.rss(ProcessHandle.current().pid())).isPositive();
	}

}
