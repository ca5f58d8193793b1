package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.Dispatcher;
import io.jparallel.client.internal.ExpectedReplies;
import io.jparallel.client.internal.FakeHub;
import io.jparallel.client.internal.ResultPoller;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class ResubmissionsTests {

	private final List<String> events = new ArrayList<>();

	private final List<Expected> expected = new ArrayList<>();

	private final FakeHub hub = new FakeHub()
		.answer(MessageType.DB_QUERY_REQUEST, request -> Map.of(MetadataKeys.RECORDS, """
				[{"msgId":"task","id":"task","msgType":"apply_request","queue":"task","target":"0,1","engineId":1},
				 {"msgId":"mux","id":"mux","msgType":"execute_request","queue":"mux","target":"2","engineId":2},
				 {"msgId":"bc","id":"bc@0","msgType":"apply_request","queue":"broadcast","target":"0,3","engineId":0},
				 {"msgId":"bc","id":"bc@3","msgType":"apply_request","queue":"broadcast","target":"0,3","engineId":3}]
				""", MetadataKeys.TRUNCATED, "false"))
		.answer(MessageType.RESUBMIT_REQUEST, request -> {
			this.events.add("resubmit " + request.content(MetadataKeys.MSG_IDS));
			return Map.of(MetadataKeys.RESUBMITTED, "task,mux,bc");
		});

	private final ExpectedReplies replies = new ExpectedReplies() {

		@Override
		public List<Submission> expect(String msgId, String msgType, String route, List<Integer> targets) {
			ResubmissionsTests.this.events.add("expect " + msgId);
			List<Submission> submissions = new ArrayList<>();
			for (int target : targets) {
				submissions.add(new Submission(msgId, Instant.now(), target, new CompletableFuture<>()));
			}
			ResubmissionsTests.this.expected.add(new Expected(msgId, msgType, route, targets, submissions));
			return submissions;
		}

		@Override
		public void forget(String msgId) {
			ResubmissionsTests.this.events.add("forget " + msgId);
		}

	};

	private final ResultPoller poller = new ResultPoller(this.hub.queries(), Duration.ofDays(1));

	private final ViewSupport support = new ViewSupport(new FakeDispatcher(), loader -> {
	}, getClass().getClassLoader(), () -> List.of(0, 1, 2, 3));

	private final Resubmissions resubmissions = new Resubmissions(this.hub.queries(), this.replies,
			new HubResults(this.hub.queries(), this.poller, this.support, java.time.Duration.ZERO), this.support);

	@AfterEach
	void close() {
		this.poller.close();
	}

	@Test
	void newIdsWaitForTheirRepliesOnTheOriginalRoutesBeforeTheHubIsAsked() {
		AsyncResult<List<Object>> result = this.resubmissions.resubmit(List.of("task", "mux", "bc"));

		assertThat(this.expected).extracting(Expected::msgType, Expected::route, Expected::targets)
			.containsExactly(tuple("apply_request", "task", List.of(Dispatcher.LOAD_BALANCED)),
					tuple("execute_request", "mux", List.of(2)), tuple("apply_request", "broadcast", List.of(0, 3)));
		assertThat(this.events).hasSize(4);
		assertThat(this.events.subList(0, 3)).allMatch(event -> event.startsWith("expect "));
		String newTask = this.expected.get(0).msgId();
		assertThat(newTask).isNotEqualTo("task");
		assertThat(this.events.get(3)).isEqualTo("resubmit task:" + newTask + ",mux:" + this.expected.get(1).msgId()
				+ ",bc:" + this.expected.get(2).msgId());
		assertThat(result.msgIds()).containsExactly(newTask, this.expected.get(1).msgId(), this.expected.get(2).msgId());
		assertThat(result.size()).isEqualTo(4);

		this.expected.forEach(one -> one.submissions().forEach(submission -> submission.reply()
			.complete(reply(submission.msgId(), Math.max(submission.target(), 0), "v" + submission.target()))));

		assertThat(result.get()).containsExactly("v-1", "v2", "v0", "v3");
	}

	@Test
	void unknownIdsAreRefusedBeforeAnythingIsSent() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.resubmissions.resubmit(List.of("task", "nope")))
			.withMessageContaining("[nope]");
		assertThat(this.events).isEmpty();
		assertThat(this.hub.requests(MessageType.RESUBMIT_REQUEST)).isEmpty();
	}

	@Test
	void theRecordsAreLookedUpWithAQueryOnTheirIds() {
		this.resubmissions.resubmit(List.of("task"));

		assertThat(this.hub.requests(MessageType.DB_QUERY_REQUEST)).singleElement().satisfies(request -> {
			assertThat(request.content(MetadataKeys.QUERY)).isEqualTo("{\"msgId\":{\"$in\":[\"task\"]}}");
			assertThat(request.content(MetadataKeys.KEYS)).contains("queue", "target", "msgType");
		});
	}

	private static Message reply(String msgId, int engineId, Object value) {
		Header parent = new Header(msgId, MessageType.APPLY_REQUEST, "client-test", "tester", Instant.now(),
				Header.PROTOCOL_VERSION);
		return new Message(Header.create(MessageType.APPLY_REPLY, "engine", "engine"), parent,
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId)),
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK), List.of(ValueCodec.encode(value)));
	}

	private record Expected(String msgId, String msgType, String route, List<Integer> targets,
			List<Submission> submissions) {
	}

}
