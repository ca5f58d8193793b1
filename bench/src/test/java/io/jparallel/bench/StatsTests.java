package io.jparallel.bench;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class StatsTests {

	private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray();

	@Test
	void nearestRankPercentilesOfOneToHundred() {
		assertThat(Stats.percentile(ONE_TO_HUNDRED, 50)).isEqualTo(50);
		assertThat(Stats.percentile(ONE_TO_HUNDRED, 99)).isEqualTo(99);
		assertThat(Stats.percentile(ONE_TO_HUNDRED, 100)).isEqualTo(100);
		assertThat(Stats.percentile(ONE_TO_HUNDRED, 0.5)).isEqualTo(1);
	}

	@Test
	void percentileDoesNotNeedSortedInputAndLeavesItAlone() {
		double[] values = { 5, 1, 4, 2, 3 };
		assertThat(Stats.percentile(values, 50)).isEqualTo(3);
		assertThat(Stats.percentile(values, 99)).isEqualTo(5);
		assertThat(values).containsExactly(5, 1, 4, 2, 3);
	}

	@Test
	void percentileOfOneValueIsThatValue() {
		assertThat(Stats.percentile(new double[] { 7 }, 1)).isEqualTo(7);
		assertThat(Stats.percentile(new double[] { 7 }, 99)).isEqualTo(7);
	}

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Stats.median(new double[] { 3, 1, 2 })).isEqualTo(2);
		assertThat(Stats.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
	}

	@Test
	void ratesAndMillis() {
		assertThat(Stats.perSecond(5_000, 2_000_000_000L)).isCloseTo(2_500, within(1e-9));
		assertThat(Stats.millis(1_500_000)).isEqualTo(1.5);
	}

	@Test
	void rejectsEmptyInputAndBadPercentiles() {
		assertThatIllegalArgumentException().isThrownBy(() -> Stats.percentile(new double[0], 50));
		assertThatIllegalArgumentException().isThrownBy(() -> Stats.percentile(ONE_TO_HUNDRED, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Stats.percentile(ONE_TO_HUNDRED, 101));
		assertThatIllegalArgumentException().isThrownBy(() -> Stats.median(new double[0]));
	}

}
