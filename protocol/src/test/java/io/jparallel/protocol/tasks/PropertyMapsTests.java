package io.jparallel.protocol.tasks;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PropertyMapsTests {

	@Test
	void changesAreStringsOrNullsAndAnythingElseChangesNothing() {
		Map<String, String> expected = new HashMap<>();
		expected.put("gpu", "true");
		expected.put("old", null);

		assertThat(PropertyMaps.changes("{\"gpu\": \"true\", \"old\": null}")).isEqualTo(expected);
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyMaps.changes("{\"mem_gb\": 64}"))
			.withMessageContaining("'mem_gb' must be set to a string or null");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyMaps.changes("[\"gpu\"]"))
			.withMessageContaining("must be a JSON object of strings");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyMaps.changes("{not json"));
	}

	@Test
	void propertiesRoundTripAsJsonWithSortedKeys() {
		assertThat(PropertyMaps.toJson(Map.of("b", "2", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
		assertThat(PropertyMaps.fromJson("{\"a\":\"1\"}")).containsExactly(Map.entry("a", "1"));
		assertThat(PropertyMaps.fromJson(null)).isEmpty();
	}

}
