package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionCapsTests {

	private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

	private final List<StoredSize> oldestFirst = List.of(new StoredSize("a", 100L, 100L, T),
			new StoredSize("b", 500L, null, T.plusSeconds(1)), new StoredSize("c", 10L, 10L, T.plusSeconds(2)));

	@Test
	void underBothCapsNothingIsDeleted() {
		assertThat(new RetentionCaps(10, 10_000).toDelete(10, 10_000, this.oldestFirst)).isZero();
	}

	@Test
	void overTheRecordsCapTheOldestGo() {
		assertThat(new RetentionCaps(10, 10_000).toDelete(12, 1_000, this.oldestFirst)).isEqualTo(2);
	}

	@Test
	void overTheBytesCapAsManyOfTheOldestGoAsItTakes() {
		assertThat(new RetentionCaps(10, 1_000).toDelete(5, 1_200, this.oldestFirst)).isEqualTo(1);
		assertThat(new RetentionCaps(10, 1_000).toDelete(5, 1_201, this.oldestFirst)).isEqualTo(2);
	}

	@Test
	void whenTheCandidatesAreNotEnoughAllGo() {
		assertThat(new RetentionCaps(1, 1).toDelete(100, 100_000, this.oldestFirst)).isEqualTo(3);
	}

}
