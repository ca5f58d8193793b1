package io.jparallel.client.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMessagesTests {

	private final RequestMessages messages = new RequestMessages("client-1", "ada", "classes-1");

	@Test
	void aTaskCarriesItsFlagsAndNoTarget() {
		Message task = build(MetadataKeys.ROUTE_TASK, List.of(Dispatcher.LOAD_BALANCED),
				Map.of(MetadataKeys.TARGETS, "1,2", MetadataKeys.RETRIES, "2"));

		assertThat(task.metadata()).containsOnly(Map.entry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK),
				Map.entry(MetadataKeys.CLASS_QUEUE, "classes-1"), Map.entry(MetadataKeys.TARGETS, "1,2"),
				Map.entry(MetadataKeys.RETRIES, "2"));
		assertThat(task.header().session()).isEqualTo("client-1");
		assertThat(task.header().username()).isEqualTo("ada");
		assertThat(task.parentHeader()).isNull();
	}

	@Test
	void flagsCannotOverrideTheRouting() {
		Message direct = build(MetadataKeys.ROUTE_MUX, List.of(3),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK, MetadataKeys.TARGET, "9", MetadataKeys.CLASS_QUEUE, "x"));

		assertThat(direct.metadata()).containsEntry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX)
			.containsEntry(MetadataKeys.TARGET, "3")
			.containsEntry(MetadataKeys.CLASS_QUEUE, "classes-1");
	}

	@Test
	void eachRouteNamesItsTargetsItsOwnWay() {
		assertThat(build(MetadataKeys.ROUTE_BROADCAST, List.of(0, 2), Map.of()).metadata())
			.containsEntry(MetadataKeys.TARGETS, "0,2")
			.doesNotContainKey(MetadataKeys.TARGET);
		assertThat(build(MetadataKeys.ROUTE_CONTROL, List.of(1), Map.of()).metadata()).containsEntry(MetadataKeys.TARGET,
				"1");
		assertThat(build(MetadataKeys.ROUTE_SCHEDULER, List.of(Dispatcher.SCHEDULER), Map.of()).metadata())
			.containsOnlyKeys(MetadataKeys.ROUTE, MetadataKeys.CLASS_QUEUE)
			.containsEntry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_SCHEDULER);
	}

	private Message build(String route, List<Integer> targets, Map<String, String> flags) {
		return this.messages.build(this.messages.header(MessageType.APPLY_REQUEST), route, targets, Map.of(), List.of(),
				flags);
	}

}
