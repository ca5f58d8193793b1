package io.jparallel.engine.properties;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.engine.EngineProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublishedPropertiesTests {

	@Test
	void builtInsArePublishedUnlessConfigured() {
		EngineProperties configuration = new EngineProperties();
		configuration.setProperties(Map.of("gpu", "true", "os", "custom-os"));

		Map<String, String> published = new PublishedProperties(configuration).snapshot();

		assertThat(published).containsEntry("gpu", "true")
			.containsEntry("os", "custom-os")
			.containsEntry("cores", String.valueOf(Runtime.getRuntime().availableProcessors()))
			.containsEntry("java", String.valueOf(Runtime.version().feature()))
			.containsKey("hostname");
	}

	@Test
	void aNullValueRemovesAKeyAndOnlyRealChangesCount() {
		PublishedProperties properties = new PublishedProperties(Map.of("gpu", "true"), Map.of("cores", "2"));
		Map<String, String> changes = new HashMap<>();
		changes.put("gpu", null);
		changes.put("zone", "eu");

		assertThat(properties.change(changes)).isTrue();
		assertThat(properties.snapshot()).containsExactly(Map.entry("cores", "2"), Map.entry("zone", "eu"));
		assertThat(properties.change(Map.of("zone", "eu"))).isFalse();
	}

	@Test
	void aBlankKeyIsRejectedAndNothingChanges() {
		PublishedProperties properties = new PublishedProperties(Map.of("gpu", "true"), Map.of());

		assertThatIllegalArgumentException().isThrownBy(() -> properties.change(Map.of("zone", "eu", " ", "x")));
		assertThat(properties.snapshot()).containsExactly(Map.entry("gpu", "true"));
	}

}
