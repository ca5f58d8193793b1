package io.jparallel.client;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencesTests {

	@Test
	void partitionsAreContiguousAndTheFirstRemainderPartsAreOneLonger() {
		assertThat(IntStream.range(0, 4).mapToObj(p -> Sequences.partition(10, p, 4)).toList())
			.containsExactly(new int[] { 0, 3 }, new int[] { 3, 6 }, new int[] { 6, 8 }, new int[] { 8, 10 });
		assertThat(IntStream.range(0, 4).mapToObj(p -> Sequences.partition(16, p, 4)).toList())
			.containsExactly(new int[] { 0, 4 }, new int[] { 4, 8 }, new int[] { 8, 12 }, new int[] { 12, 16 });
		assertThat(IntStream.range(0, 3).mapToObj(p -> Sequences.partition(2, p, 3)).toList())
			.containsExactly(new int[] { 0, 1 }, new int[] { 1, 2 }, new int[] { 2, 2 });
	}

	@Test
	void slicesKeepTheSequenceType() {
		assertThat(Sequences.slice(List.of(1, 2, 3, 4), 1, 3)).isEqualTo(List.of(2, 3));
		assertThat((int[]) Sequences.slice(new int[] { 1, 2, 3, 4 }, 2, 4)).containsExactly(3, 4);
		assertThat((double[]) Sequences.slice(new double[] { 1.5, 2.5 }, 0, 1)).containsExactly(1.5);
		assertThat((String[]) Sequences.slice(new String[] { "a", "b" }, 1, 2)).containsExactly("b");
	}

	@Test
	void concatenationTakesListsArraysAndSingleValuesInOrder() {
		assertThat(Sequences.concat(List.of(List.of(1, 2), new int[] { 3, 4 }, 5))).containsExactly(1, 2, 3, 4, 5);
		assertThat(Sequences.concatArrays(List.of(new long[] { 1, 2 }, new long[] { 3 }, 4L), long[].class))
			.containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void onlyListsAndArraysCanBeScattered() {
		assertThatThrownBy(() -> Sequences.length(java.util.Set.of(1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("List or an array");
		assertThatThrownBy(() -> Sequences.concatArrays(List.of(List.of("x")), int[].class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("does not fit a int[]");
	}

}
