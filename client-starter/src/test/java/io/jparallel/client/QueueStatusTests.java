package io.jparallel.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueueStatusTests {

	private static final String VERBOSE = """
			{"scheme":"leastload","hwm":8,"unassigned":3,
			 "engines":{"0":{"queued":2,"running":1,"completed":10,"failed":0,"tasks":["a","b","c"]},
			            "1":{"queued":0,"running":0,"completed":4,"failed":1}},
			 "unassigned_tasks":["d","e","f"]}""";

	@Test
	void theSchedulersJsonIsReadIntoCountsPerEngine() {
		QueueStatus status = QueueStatus.parse(VERBOSE);

		assertThat(status.scheme()).isEqualTo("leastload");
		assertThat(status.hwm()).isEqualTo(8);
		assertThat(status.unassigned()).isEqualTo(3);
		assertThat(status.unassignedTasks()).containsExactly("d", "e", "f");
		assertThat(status.engines()).containsOnlyKeys(0, 1);
		assertThat(status.engines().get(0)).isEqualTo(new QueueStatus.EngineQueue(2, 1, 10, 0, List.of("a", "b", "c")));
		assertThat(status.engines().get(1).tasks()).isEmpty();
		assertThat(status.queued()).isEqualTo(5);
		assertThat(status.running()).isEqualTo(1);
	}

	@Test
	void itReadsAsALinePerEngine() {
		QueueStatus status = QueueStatus.parse("""
				{"scheme":"pure","hwm":0,"unassigned":0,"engines":{"2":{"queued":1,"running":1,"completed":3,"failed":0}}}""");

		assertThat(status).hasToString("""
				scheme pure, hwm none, 0 unassigned
				engine 2: 1 queued, 1 running, 3 completed, 0 failed""");
	}

	@Test
	void somethingElseThanTheStatusFailsClearly() {
		assertThatExceptionOfType(JParallelException.class).isThrownBy(() -> QueueStatus.parse("not json"))
			.withMessageContaining("not JSON");
		assertThatExceptionOfType(JParallelException.class).isThrownBy(() -> QueueStatus.parse(null))
			.withMessageContaining("not a JSON object");
		assertThatExceptionOfType(JParallelException.class)
			.isThrownBy(() -> QueueStatus.parse("{\"engines\":{\"x\":{}}}"))
			.withMessageContaining("'x'");
	}

	@Test
	void theClientAsksTheSchedulerItself() {
		FakeDispatcher dispatcher = new FakeDispatcher().respond(MessageType.QUEUE_STATUS_REQUEST,
				request -> FakeDispatcher.schedulerReply(request,
						Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, MetadataKeys.QUEUE_STATUS, VERBOSE)));
		ViewSupport support = new ViewSupport(dispatcher, loader -> {
		}, getClass().getClassLoader(), List::of);

		QueueStatus status = support.queueStatus(true);

		assertThat(status.unassigned()).isEqualTo(3);
		FakeDispatcher.Sent request = dispatcher.last();
		assertThat(request.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_SCHEDULER);
		assertThat(request.metadata(MetadataKeys.TARGET)).isNull();
		assertThat(request.content(MetadataKeys.VERBOSE)).isEqualTo("true");
	}

}
