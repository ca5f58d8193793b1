package io.jparallel.scheduler.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.scheduler.SchedulerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The task scheduler's rules, with the broker replaced by a recording outbox. */
class TaskSchedulerTests {

	private final RecordingOutbox outbox = new RecordingOutbox();

	private TaskScheduler scheduler(String scheme, int hwm, int engines) {
		SchedulerProperties properties = new SchedulerProperties();
		properties.setScheme(scheme);
		properties.setHwm(hwm);
		TaskScheduler scheduler = new TaskScheduler(this.outbox, properties);
		for (int id = 0; id < engines; id++) {
			scheduler.engineJoined(id, "uuid-" + id, Map.of());
		}
		return scheduler;
	}

	private static Task task(String msgId, String... metadata) {
		Map<String, String> meta = new HashMap<>();
		for (int i = 0; i < metadata.length; i += 2) {
			meta.put(metadata[i], metadata[i + 1]);
		}
		Header header = new Header(msgId, MessageType.APPLY_REQUEST, "client", "user", java.time.Instant.now(),
				Header.PROTOCOL_VERSION);
		Message request = new Message(header, null, meta, Map.of(), List.of());
		return new Task(header, TaskFlags.of(request), List.of(msgId.getBytes()), System.nanoTime());
	}

	@Test
	void leastloadNeverGivesATaskToABusierEngineWhileAnIdleOneWaits() {
		TaskScheduler scheduler = scheduler("leastload", 0, 3);
		scheduler.submit(List.of(task("a"), task("b"), task("c")));
		assertThat(this.outbox.placedOn()).containsOnlyKeys("uuid-0", "uuid-1", "uuid-2");
		this.outbox.clear();
		scheduler.done(1, "b:ok");
		scheduler.submit(List.of(task("d")));
		assertThat(this.outbox.placedOn()).containsOnlyKeys("uuid-1");
	}

	@Test
	void hwmOfOneKeepsAtMostOneTaskPerEngine() {
		TaskScheduler scheduler = scheduler("leastload", 1, 2);
		scheduler.submit(List.of(task("a"), task("b"), task("c"), task("d")));
		assertThat(this.outbox.placedIds()).containsExactly("a", "b");
		assertThat(scheduler.queueStatus(false)).containsEntry("unassigned", 2);
		scheduler.done(0, "a:ok");
		assertThat(this.outbox.placedIds()).containsExactly("a", "b", "c");
		assertThat(this.outbox.placedOn().get("uuid-0")).containsExactly("a", "c");
	}

	@Test
	void tasksTravelInBatchesOfHalfTheHwmAndAnEngineGetsMoreWhenAWholeBatchFits() {
		TaskScheduler scheduler = scheduler("leastload", 4, 1);
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			tasks.add(task("t" + i));
		}
		scheduler.submit(tasks);
		assertThat(this.outbox.batches).containsExactly(2, 2);
		scheduler.done(0, "t0:ok");
		assertThat(this.outbox.batches).containsExactly(2, 2);
		scheduler.done(0, "t1:ok");
		assertThat(this.outbox.batches).containsExactly(2, 2, 2);
		assertThat(this.outbox.placedIds()).containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
	}

	@Test
	void withoutAnHwmAnEngineHolds16TasksUntilItFinishesMoreThanThatWithinTheWindow() {
		long[] now = { 0 };
		TaskScheduler scheduler = new TaskScheduler(this.outbox, new SchedulerProperties(), () -> now[0]);
		scheduler.engineJoined(0, "uuid-0", Map.of());
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			tasks.add(task("t" + i));
		}
		scheduler.submit(tasks);
		assertThat(this.outbox.placedIds()).hasSize(16);
		assertThat(this.outbox.batches).containsExactly(8, 8);

		// GIVEN the engine finishes its 16 tasks in 1 ms, and 16 more in the next
		finishAll(scheduler, 0, 16);
		now[0] += 1_000_000L;
		finishAll(scheduler, 16, 32);
		// THEN it may hold what it finished in the window: 32 tasks, in batches of 16
		assertThat(this.outbox.placedIds()).hasSize(64);
		assertThat(this.outbox.batches.subList(4, 6)).containsExactly(16, 16);

		// WHEN it goes on finishing everything it holds at once, its limit grows up to the maximum
		for (int round = 0; round < 4; round++) {
			finishAll(scheduler, 0, this.outbox.placedIds().size());
		}
		int placed = this.outbox.placedIds().size();
		finishAll(scheduler, 0, placed);
		assertThat(this.outbox.placedIds().size() - placed).isEqualTo(EngineCredit.MAX);

		// WHEN the window passes without anything finished, it is back to 16
		now[0] += 250_000_000L;
		assertThat(scheduler.queueStatus(false)).containsEntry("hwm", TaskScheduler.AUTO_HWM)
			.containsEntry("credit", Map.of(0, 16));
	}

	private void finishAll(TaskScheduler scheduler, int from, int to) {
		List<String> ids = this.outbox.placedIds();
		StringBuilder results = new StringBuilder();
		for (int i = from; i < to; i++) {
			results.append(results.isEmpty() ? "" : ",").append(ids.get(i)).append(":ok");
		}
		scheduler.done(0, results.toString());
	}

	@Test
	void lruTakesTurns() {
		TaskScheduler scheduler = scheduler("lru", 0, 3);
		scheduler.submit(List.of(task("a"), task("b"), task("c"), task("d")));
		assertThat(this.outbox.placedOn().get("uuid-0")).containsExactly("a", "d");
	}

	@Test
	void randomSchemesPlaceOnlyOnEligibleEngines() {
		for (String scheme : List.of("plainrandom", "twobin", "weighted")) {
			this.outbox.clear();
			TaskScheduler scheduler = scheduler(scheme, 0, 4);
			List<Task> tasks = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				tasks.add(task(scheme + i, MetadataKeys.TARGETS, "1,3"));
			}
			scheduler.submit(tasks);
			assertThat(this.outbox.placedOn()).as(scheme).containsOnlyKeys("uuid-1", "uuid-3");
		}
	}

	@Test
	void afterWaitsAndFollowGoesWhereItsDependencyRan() {
		TaskScheduler scheduler = scheduler("leastload", 0, 3);
		scheduler.submit(List.of(task("a")));
		scheduler.submit(List.of(task("b", MetadataKeys.AFTER, "a")));
		assertThat(this.outbox.placedIds()).containsExactly("a");
		scheduler.done(0, "a:ok");
		assertThat(this.outbox.placedIds()).containsExactly("a", "b");
		String bEngine = this.outbox.engineOf("b");
		scheduler.submit(List.of(task("c", MetadataKeys.FOLLOW, "b"), task("filler1"), task("filler2")));
		int bId = Integer.parseInt(bEngine.substring("uuid-".length()));
		scheduler.done(bId, "b:ok");
		assertThat(this.outbox.engineOf("c")).isEqualTo(bEngine);
	}

	@Test
	void aDependencyThatFailedFailsASuccessOnlyTaskWithImpossibleDependency() {
		TaskScheduler scheduler = scheduler("leastload", 0, 2);
		scheduler.submit(List.of(task("a"), task("b", MetadataKeys.AFTER, "a")));
		scheduler.done(0, "a:error");
		assertThat(this.outbox.errorOf("b")).isEqualTo(MetadataKeys.IMPOSSIBLE_DEPENDENCY);
		scheduler.submit(List.of(task("c", MetadataKeys.AFTER, "a", MetadataKeys.AFTER_MODE, "all,failure")));
		assertThat(this.outbox.placedIds()).contains("c");
	}

	@Test
	void finishedDependenciesTheClientNamesNeedNoMemory() {
		TaskScheduler scheduler = scheduler("leastload", 0, 3);
		scheduler.submit(List.of(task("x", MetadataKeys.FOLLOW, "old:ok:2")));
		assertThat(this.outbox.engineOf("x")).isEqualTo("uuid-2");
		scheduler.submit(List.of(task("y", MetadataKeys.AFTER, "unknown-id")));
		assertThat(this.outbox.errorOf("y")).isEqualTo(MetadataKeys.IMPOSSIBLE_DEPENDENCY);
	}

	@Test
	void aFailedTaskIsRetriedOnAnotherEngineAndItsLastErrorForwarded() {
		TaskScheduler scheduler = scheduler("leastload", 0, 2);
		scheduler.submit(List.of(task("a", MetadataKeys.RETRIES, "1")));
		String first = this.outbox.engineOf("a");
		int firstId = Integer.parseInt(first.substring(5));
		scheduler.failed(firstId, errorReply("a", firstId), new byte[] { 1 });
		assertThat(this.outbox.placedIds()).containsExactly("a", "a");
		assertThat(this.outbox.placedOn().get(first)).containsExactly("a");
		int secondId = 1 - firstId;
		scheduler.failed(secondId, errorReply("a", secondId), new byte[] { 2 });
		assertThat(this.outbox.forwarded).containsExactly("client");
	}

	@Test
	void aRequirementNoEngineMeetsFailsAtOnceOrWaitsForPropertiesWithATimeout() {
		TaskScheduler scheduler = scheduler("leastload", 0, 2);
		scheduler.submit(List.of(task("a", MetadataKeys.REQUIRE, "gpu")));
		assertThat(this.outbox.errorOf("a")).isEqualTo(MetadataKeys.IMPOSSIBLE_DEPENDENCY);
		assertThat(this.outbox.errorText("a")).contains("requires 'gpu'");
		scheduler.submit(List.of(task("b", MetadataKeys.REQUIRE, "gpu", MetadataKeys.TIMEOUT, "30")));
		assertThat(this.outbox.placedIds()).isEmpty();
		scheduler.propertiesChanged(1, Map.of("gpu", "true"));
		assertThat(this.outbox.engineOf("b")).isEqualTo("uuid-1");
	}

	@Test
	void propertiesSetByAClientApplyAsTheirRequestPassesAndANullRemovesOne() {
		TaskScheduler scheduler = scheduler("leastload", 0, 2);
		scheduler.propertiesChanged(0, Map.of("mem_gb", "64"));
		java.util.Map<String, String> changes = new HashMap<>();
		changes.put("gpu", "true");
		scheduler.propertiesSet(1, changes);

		scheduler.submit(List.of(task("a", MetadataKeys.REQUIRE, "gpu")));
		assertThat(this.outbox.engineOf("a")).isEqualTo("uuid-1");

		changes.put("gpu", null);
		scheduler.propertiesSet(1, changes);
		scheduler.submit(List.of(task("b", MetadataKeys.REQUIRE, "gpu")));
		assertThat(this.outbox.errorOf("b")).isEqualTo(MetadataKeys.IMPOSSIBLE_DEPENDENCY);
		scheduler.submit(List.of(task("c", MetadataKeys.REQUIRE, "mem_gb >= 32")));
		assertThat(this.outbox.engineOf("c")).isEqualTo("uuid-0");
	}

	@Test
	void timeoutsFailWithDependencyTimeoutOrTaskTimeout() {
		TaskScheduler scheduler = scheduler("leastload", 1, 1);
		scheduler.submit(List.of(task("busy"), task("a"), task("dep", MetadataKeys.AFTER, "a", MetadataKeys.TIMEOUT,
				"0.2"), task("wait", MetadataKeys.TIMEOUT, "0.2")));
		await().untilAsserted(() -> {
			scheduler.checkDeadlines();
			assertThat(this.outbox.errorOf("dep")).isEqualTo(MetadataKeys.DEPENDENCY_TIMEOUT);
			assertThat(this.outbox.errorOf("wait")).isEqualTo(MetadataKeys.TASK_TIMEOUT);
		});
	}

	@Test
	void tasksOfAnEngineThatLeftAreResubmittedOrEndWithEngineError() {
		TaskScheduler scheduler = scheduler("leastload", 0, 2);
		scheduler.submit(List.of(task("a", MetadataKeys.RETRIES, "1", MetadataKeys.TARGETS, "0,1"),
				task("b", MetadataKeys.TARGETS, "0")));
		scheduler.engineLeft(0, "killed");
		assertThat(this.outbox.errorOf("b")).isEqualTo(MetadataKeys.ENGINE_ERROR);
		if (this.outbox.engineOf("a").equals("uuid-0")) {
			assertThat(this.outbox.placedOn().get("uuid-1")).contains("a");
		}
	}

	@Test
	void abortEndsHeldTasksAndForwardsTheOthersToTheirEngine() {
		TaskScheduler scheduler = scheduler("leastload", 1, 1);
		scheduler.submit(List.of(task("running"), task("held")));
		Message abort = Message.request(Header.create(MessageType.ABORT_REQUEST, "client", "user"), Map.of(),
				Map.of(MetadataKeys.MSG_IDS, "running,held", MetadataKeys.CANCEL, "true"), List.of());
		scheduler.abort(abort);
		assertThat(this.outbox.errorOf("held")).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(this.outbox.controls).hasSize(1);
		assertThat(this.outbox.controls.get(0).content()).containsEntry(MetadataKeys.MSG_IDS, "running")
			.containsEntry(MetadataKeys.CANCEL, "true");
		Message reply = this.outbox.replies.get(this.outbox.replies.size() - 1);
		assertThat(reply.content()).containsEntry(MetadataKeys.ABORTED, "running,held");
	}

	@Test
	void queueStatusCountsPerEngine() {
		TaskScheduler scheduler = scheduler("leastload", 2, 1);
		scheduler.submit(List.of(task("a"), task("b"), task("c")));
		scheduler.done(0, "a:ok");
		Map<String, Object> status = scheduler.queueStatus(true);
		assertThat(status).containsEntry("scheme", "leastload").containsEntry("unassigned", 0);
		@SuppressWarnings("unchecked")
		Map<String, Object> engine = (Map<String, Object>) ((Map<String, Object>) status.get("engines")).get("0");
		assertThat(engine).containsEntry("running", 1).containsEntry("queued", 1).containsEntry("completed", 1L)
			.containsEntry("tasks", List.of("b", "c"));
	}

	@Test
	void anUnknownSchemeIsAClearError() {
		SchedulerProperties properties = new SchedulerProperties();
		properties.setScheme("fastest");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskScheduler(this.outbox, properties))
			.withMessageContaining("leastload");
	}

	private static Message errorReply(String msgId, int engineId) {
		Header parent = new Header(msgId, MessageType.APPLY_REQUEST, "client", "user", java.time.Instant.now(),
				Header.PROTOCOL_VERSION);
		return new Message(Header.create(MessageType.APPLY_REPLY, "engine", "user"), parent,
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId)),
				Replies.errorContent("java.lang.IllegalStateException", "boom", ""), List.of());
	}

	/** Records what the scheduler sends; a task's bytes are its msg id. */
	static final class RecordingOutbox implements TaskOutbox {

		private final Map<String, List<String>> placed = new java.util.LinkedHashMap<>();

		private final List<String> order = new ArrayList<>();

		final List<Message> replies = new ArrayList<>();

		final List<String> forwarded = new ArrayList<>();

		final List<Message> controls = new ArrayList<>();

		final List<Integer> batches = new ArrayList<>();

		@Override
		public void place(String engineUuid, List<byte[]> encoded) {
			this.batches.add(encoded.size());
			for (byte[] bytes : encoded) {
				this.placed.computeIfAbsent(engineUuid, key -> new ArrayList<>()).add(new String(bytes));
				this.order.add(new String(bytes));
			}
		}

		@Override
		public void reply(String session, Message reply) {
			this.replies.add(reply);
		}

		@Override
		public void forward(String session, byte[] encodedReply) {
			this.forwarded.add(session);
		}

		@Override
		public void control(String engineUuid, Message request) {
			this.controls.add(request);
		}

		Map<String, List<String>> placedOn() {
			return this.placed;
		}

		List<String> placedIds() {
			return this.order;
		}

		String engineOf(String msgId) {
			String found = null;
			for (Map.Entry<String, List<String>> entry : this.placed.entrySet()) {
				if (entry.getValue().contains(msgId)) {
					found = entry.getKey();
				}
			}
			return found;
		}

		String errorOf(String msgId) {
			Message reply = replyTo(msgId);
			return (reply != null) ? reply.content(MetadataKeys.ENAME) : null;
		}

		String errorText(String msgId) {
			Message reply = replyTo(msgId);
			return (reply != null) ? reply.content(MetadataKeys.EVALUE) : null;
		}

		private Message replyTo(String msgId) {
			return this.replies.stream()
				.filter(reply -> reply.parentHeader() != null && reply.parentHeader().msgId().equals(msgId))
				.findFirst()
				.orElse(null);
		}

		void clear() {
			this.placed.clear();
			this.order.clear();
			this.replies.clear();
			this.forwarded.clear();
			this.controls.clear();
			this.batches.clear();
		}

	}

}
