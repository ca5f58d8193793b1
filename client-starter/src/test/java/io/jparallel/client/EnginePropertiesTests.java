package io.jparallel.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.tasks.PropertyMaps;

import static org.assertj.core.api.Assertions.assertThat;

class EnginePropertiesTests {

	/** Engines that start with {@code zone=eu} and apply what they are told to set. */
	private final FakeDispatcher dispatcher = new FakeDispatcher().respond(MessageType.PROPERTIES_REQUEST, request -> {
		Map<String, String> properties = new HashMap<>(Map.of("zone", "eu"));
		PropertyMaps.fromJson(request.content(MetadataKeys.SET)).forEach((key, value) -> {
			if (value == null) {
				properties.remove(key);
			}
			else {
				properties.put(key, value);
			}
		});
		return FakeDispatcher.reply(request.header().msgId(), Integer.parseInt(request.metadata(MetadataKeys.TARGET)),
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, MetadataKeys.PROPERTIES,
						PropertyMaps.toJson(properties)), Map.of(), List.of());
	});

	private final ViewSupport support = new ViewSupport(this.dispatcher, loader -> {
	}, getClass().getClassLoader(), () -> List.of(0, 1));

	@Test
	void settingPropertiesSendsEachTargetAControlRequest() {
		Map<String, Object> change = new HashMap<>();
		change.put("gpu", true);
		change.put("mem_gb", 64);
		change.put("zone", null);

		Map<Integer, Map<String, String>> after = new DirectView(this.support, List.of(1, 0), false).setProperties(change);

		assertThat(after).containsExactly(Map.entry(1, Map.of("gpu", "true", "mem_gb", "64")),
				Map.entry(0, Map.of("gpu", "true", "mem_gb", "64")));
		assertThat(this.dispatcher.sent()).hasSize(2).allSatisfy(request -> {
			assertThat(request.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_CONTROL);
			assertThat(request.content(MetadataKeys.SET)).isEqualTo("{\"gpu\":\"true\",\"mem_gb\":\"64\",\"zone\":null}");
		});
		assertThat(this.dispatcher.sent()).extracting(request -> request.metadata(MetadataKeys.TARGET))
			.containsExactly("1", "0");
	}

	@Test
	void readingPropertiesSendsNothingToSet() {
		assertThat(new EngineView(this.support, 0, false).getProperties()).containsExactly(Map.entry("zone", "eu"));
		assertThat(this.dispatcher.last().content(MetadataKeys.SET)).isNull();
	}

}
