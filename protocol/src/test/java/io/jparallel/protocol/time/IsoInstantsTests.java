package io.jparallel.protocol.time;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-30T11:30:35Z", "2026-11-30T11:30:35.800Z", "2026-11-30T11:30:35.855804Z",
			"2026-11-30T11:30:35.855804059Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
			"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.000000001Z", "2024-02-29T12:00:00.5Z",
			"2024-02-29T12:00:00.05Z", "2024-02-29T12:00:00.0005Z", "2024-02-29T12:00:00.12345678Z" })
	void readsAndWritesAsInstantDoes(String text) {
		Instant expected = Instant.parse(text);

		assertThat(IsoInstants.parse(text)).isEqualTo(expected);
		assertThat(IsoInstants.format(expected)).isEqualTo(expected.toString());
	}

	@Test
	void writesAnyInstantAsInstantDoes() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			long seconds = random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
			int nano = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond((i % 2 == 0) ? seconds % 400_000_000_000L : seconds, nano);
			String text = IsoInstants.format(instant);
			assertThat(text).isEqualTo(instant.toString());
			assertThat(IsoInstants.parse(text)).isEqualTo(instant);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "+12026-11-30T11:30:35Z", "2026-11-30T11:30:35+01:00", "2026-11-30T23:59:60Z",
			"2026-11-30T24:00:00Z", "2026-11-30T11:30:35.Z" })
	void handsOtherFormsToInstantParse(String text) {
		assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-11-30", "2026-13-30T11:30:35Z", "2026-02-30T11:30:35Z", 
			"2026-11-30T11:60:35Z", "2026-11-30T11:30:35.1234567890Z",
			"2026-11-30T11:30:35", "2026-11-30 11:30:35Z", "2026-1a-30T11:30:35Z", "2026-11-30T11:30:35,5Z" })
	void rejectsWhatInstantParseRejects(String text) {
		assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
		assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
	}

}
