package io.jparallel.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTests {

	@Test
	void idsAreUuidsOfTheVendorSpecificVersion() {
		UUID id = UUID.fromString(MessageIds.next());

		assertThat(id.version()).isEqualTo(8);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.toString()).hasSize(36);
	}

	@Test
	void noIdRepeatsAcrossThreads() {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		IntStream.range(0, 8).parallel().forEach(thread -> {
			for (int i = 0; i < 50_000; i++) {
				ids.add(MessageIds.next());
			}
		});

		assertThat(ids).hasSize(400_000);
	}

	@Test
	void idsOfOneJvmShareTheirPrefixAndCountUp() {
		List<UUID> ids = List.of(UUID.fromString(MessageIds.next()), UUID.fromString(MessageIds.next()));

		assertThat(ids.get(1).getMostSignificantBits()).isEqualTo(ids.get(0).getMostSignificantBits());
		assertThat(ids.get(1).getLeastSignificantBits() - ids.get(0).getLeastSignificantBits()).isPositive();
	}

	@Test
	void headersTakeTheirIdsFromIt() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			ids.add(Header.create("apply_request", "session", "user").msgId());
		}

		assertThat(ids).hasSize(1_000).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(8));
	}

}
