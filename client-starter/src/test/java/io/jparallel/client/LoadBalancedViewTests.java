package io.jparallel.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class LoadBalancedViewTests {

	private static final Fn0<Integer> ONE = () -> 1;

	private final FakeDispatcher dispatcher = new FakeDispatcher();

	private final ViewSupport support = new ViewSupport(this.dispatcher, loader -> {
	}, getClass().getClassLoader(), () -> List.of(0, 1, 2, 3));

	private final LoadBalancedView lview = new LoadBalancedView(this.support, TaskFlags.DEFAULTS);

	@Test
	void aTaskWithoutFlagsCarriesOnlyItsRoute() {
		this.lview.applyAsync(ONE);

		FakeDispatcher.Sent task = this.dispatcher.last();
		assertThat(task.request().msgType()).isEqualTo(MessageType.APPLY_REQUEST);
		assertThat(task.request().metadata()).containsOnlyKeys(MetadataKeys.ROUTE, MetadataKeys.CLASS_QUEUE)
			.containsEntry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK);
		assertThat(task.submission().target()).isEqualTo(ViewSupport.LOAD_BALANCED);
	}

	@Test
	void theViewsFlagsGoIntoTheMetadataOfEveryTask() {
		this.lview.setRetries(2)
			.setTimeout(Duration.ofMillis(1500))
			.setLabel("step 1")
			.setTargets(1, 2)
			.setRequire("gpu; mem_gb >= 16")
			.setClearBefore(true)
			.setClearAfter(true);

		this.lview.applyAsync(ONE);
		this.lview.mapAsync((Integer x) -> x, List.of(1, 2));

		assertThat(this.dispatcher.sent()).hasSize(3).allSatisfy(task -> assertThat(task.request().metadata())
			.containsEntry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK)
			.containsEntry(MetadataKeys.RETRIES, "2")
			.containsEntry(MetadataKeys.TIMEOUT, "1.5")
			.containsEntry(MetadataKeys.LABEL, "step 1")
			.containsEntry(MetadataKeys.TARGETS, "1,2")
			.containsEntry(MetadataKeys.REQUIRE, "gpu; mem_gb >= 16")
			.containsEntry(MetadataKeys.CLEAR_BEFORE, "true")
			.containsEntry(MetadataKeys.CLEAR_AFTER, "true")
			.doesNotContainKey(MetadataKeys.TARGET));
	}

	@Test
	void withFlagsAppliesToTheCopyOnly() {
		this.lview.withRetries(3).withLabel("once").applyAsync(ONE);
		this.lview.applyAsync(ONE);

		assertThat(this.dispatcher.sent().get(0).metadata(MetadataKeys.RETRIES)).isEqualTo("3");
		assertThat(this.dispatcher.sent().get(1).metadata(MetadataKeys.RETRIES)).isNull();
		assertThat(this.dispatcher.sent().get(1).metadata(MetadataKeys.LABEL)).isNull();
		assertThat(this.lview.flags()).isEqualTo(TaskFlags.DEFAULTS);
	}

	@Test
	void tempFlagsRestoreThePreviousFlagsOnClose() {
		this.lview.setLabel("outer");

		try (TemporaryFlags outer = this.lview.tempFlags(f -> f.retries(2).label("inner"))) {
			this.lview.applyAsync(ONE);
			try (TemporaryFlags inner = this.lview.tempFlags(f -> f.retries(5))) {
				this.lview.applyAsync(ONE);
			}
			this.lview.applyAsync(ONE);
		}
		this.lview.applyAsync(ONE);

		assertThat(this.dispatcher.sent()).extracting(task -> task.metadata(MetadataKeys.RETRIES))
			.containsExactly("2", "5", "2", null);
		assertThat(this.dispatcher.sent()).extracting(task -> task.metadata(MetadataKeys.LABEL))
			.containsExactly("inner", "inner", "inner", "outer");
		assertThat(this.lview.flags().label()).isEqualTo("outer");
	}

	@Test
	void aFinishedDependencyIsSentWithItsOutcomeAndAnUnfinishedTaskByItsId() {
		AsyncResult<Integer> done = this.lview.applyAsync(ONE);
		AsyncResult<Integer> failed = this.lview.applyAsync(ONE);
		AsyncResult<Integer> pending = this.lview.applyAsync(ONE);
		this.dispatcher.ok(submission(done), 2, 1);
		this.dispatcher.error(submission(failed), 3, "java.lang.RuntimeException");

		this.lview.withAfter(Dependency.on(done, failed, pending).any().successOrFailure()).applyAsync(ONE);
		this.lview.withFollow(done).applyAsync(ONE);

		FakeDispatcher.Sent after = this.dispatcher.sent().get(3);
		assertThat(after.metadata(MetadataKeys.AFTER)).isEqualTo(id(done) + ":ok:2," + id(failed) + ":error:3,"
				+ id(pending));
		assertThat(after.metadata(MetadataKeys.AFTER_MODE)).isEqualTo("any,success,failure");
		FakeDispatcher.Sent follow = this.dispatcher.last();
		assertThat(follow.metadata(MetadataKeys.FOLLOW)).isEqualTo(id(done) + ":ok:2");
		assertThat(follow.metadata(MetadataKeys.FOLLOW_MODE)).isEqualTo("all,success");
		assertThat(follow.metadata(MetadataKeys.AFTER)).isNull();
	}

	@Test
	void anUnfinishedDirectRequestCannotBeDependedOnButAFinishedOneCan() {
		DirectView direct = new DirectView(this.support, List.of(1), false);
		AsyncResult<List<Integer>> running = direct.applyAsync(ONE);

		assertThatIllegalArgumentException().isThrownBy(() -> this.lview.withAfter(running).applyAsync(ONE))
			.withMessageContaining("direct request to engine 1")
			.withMessageContaining("Wait for it first");
		assertThatIllegalArgumentException().isThrownBy(() -> this.lview.withAfter(id(running)).applyAsync(ONE))
			.withMessageContaining("direct request");

		this.dispatcher.ok(submission(running), 1, 1);
		this.lview.withAfter(running).applyAsync(ONE);

		assertThat(this.dispatcher.last().metadata(MetadataKeys.AFTER)).isEqualTo(id(running) + ":ok:1");
	}

	@Test
	void dependenciesByIdAreResolvedFromWhatTheClientRemembers() {
		AsyncResult<Integer> done = this.lview.applyAsync(ONE);
		AsyncResult<Integer> pending = this.lview.applyAsync(ONE);
		this.dispatcher.ok(submission(done), 0, 1);

		this.lview.withAfter(id(done), id(pending), "someone-elses").applyAsync(ONE);

		assertThat(this.dispatcher.last().metadata(MetadataKeys.AFTER))
			.isEqualTo(id(done) + ":ok:0," + id(pending) + ",someone-elses");
		assertThat(this.dispatcher.last().metadata(MetadataKeys.AFTER_MODE)).isEqualTo("all,success");
	}

	@Test
	void everyChunkOfAMapCarriesTheDependencies() {
		AsyncResult<Integer> first = this.lview.applyAsync(ONE);

		this.lview.withAfter(first).withChunksize(2).mapAsync((Integer x) -> x * 2, List.of(1, 2, 3, 4, 5));

		List<FakeDispatcher.Sent> chunks = this.dispatcher.sent().subList(1, 4);
		assertThat(chunks).extracting(chunk -> chunk.metadata(MetadataKeys.AFTER)).containsOnly(id(first));
		assertThat(chunks).extracting(chunk -> chunk.content("mode")).containsOnly("map");
	}

	@Test
	void targetsNoneOfWhichIsRegisteredAreRefusedAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.lview.withTargets(7, 8).applyAsync(ONE))
			.withMessageContaining("[7, 8]")
			.withMessageContaining("[0, 1, 2, 3]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.lview.setRequire("mem_gb >= lots"))
			.withMessageContaining("not a number");
		assertThat(this.dispatcher.sent()).isEmpty();
	}

	@Test
	void executeSendsCodeAsATaskWithTheFlags() {
		AsyncResult<String> result = this.lview.withLabel("code").execute("1 + 1");

		FakeDispatcher.Sent task = this.dispatcher.last();
		assertThat(task.request().msgType()).isEqualTo(MessageType.EXECUTE_REQUEST);
		assertThat(task.content("code")).isEqualTo("1 + 1");
		assertThat(task.metadata(MetadataKeys.LABEL)).isEqualTo("code");
		assertThat(task.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_TASK);
		this.dispatcher.complete(task.submission(), FakeDispatcher.reply(id(result), 0,
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, "display", "2"), Map.of(), List.of()));
		assertThat(result.get()).isEqualTo("2");
	}

	@Test
	void aStringTaskPushesRunsAndPullsOnOneEngine() throws Exception {
		StringTask task = StringTask.of("var y = x * 2;").push(Map.of("x", 21)).pull("y").clearBefore();

		AsyncResult<Map<String, Object>> result = this.lview.withClearAfter(true).run(task);

		FakeDispatcher.Sent sent = this.dispatcher.last();
		assertThat(sent.request().msgType()).isEqualTo(MessageType.EXECUTE_REQUEST);
		assertThat(sent.content("code")).isEqualTo("var y = x * 2;");
		assertThat(sent.content(MetadataKeys.PUSH_NAMES)).isEqualTo("x");
		assertThat(sent.content(MetadataKeys.PULL_NAMES)).isEqualTo("y");
		assertThat(ValueCodec.decode(sent.request().buffers().get(0), getClass().getClassLoader())).isEqualTo(21);
		assertThat(sent.metadata(MetadataKeys.CLEAR_BEFORE)).isEqualTo("true");
		assertThat(sent.metadata(MetadataKeys.CLEAR_AFTER)).isEqualTo("true");
		this.dispatcher.ok(sent.submission(), 2, 42);
		assertThat(result.get()).containsExactly(Map.entry("y", 42));
	}

	@Test
	void aStringTaskWhoseReplyLacksAPulledValueFailsClearly() {
		AsyncResult<Map<String, Object>> result = this.lview.run(StringTask.of("int a = 1, b = 2;").pull("a", "b"));

		this.dispatcher.ok(this.dispatcher.last().submission(), 0, 1);

		assertThatExceptionOfType(RemoteError.class).isThrownBy(result::get)
			.withMessageContaining("1 value(s) for the pulled names [a, b]");
	}

	@Test
	void anUnorderedMapCombinesTheChunksInTheOrderTheyCompleted() {
		Fn1<Integer, Integer> same = x -> x;
		AsyncResult<List<Integer>> unordered = this.lview.withOrdered(false).withChunksize(2).mapAsync(same,
				List.of(1, 2, 3, 4, 5, 6));
		List<Submission> chunks = unordered.submissions();
		assertThat(chunks).hasSize(3);

		this.dispatcher.ok(chunks.get(2), 0, List.of(5, 6));
		this.dispatcher.ok(chunks.get(0), 1, List.of(1, 2));
		this.dispatcher.ok(chunks.get(1), 2, List.of(3, 4));

		assertThat(unordered.get()).containsExactly(5, 6, 1, 2, 3, 4);
	}

	@Test
	void anOrderedMapCombinesTheChunksInInputOrder() {
		AsyncResult<List<Integer>> ordered = this.lview.withChunksize(2).mapAsync((Integer x) -> x, List.of(1, 2, 3, 4));

		this.dispatcher.ok(ordered.submissions().get(1), 0, List.of(3, 4));
		this.dispatcher.ok(ordered.submissions().get(0), 1, List.of(1, 2));

		assertThat(ordered.get()).containsExactly(1, 2, 3, 4);
	}

	@Test
	void abortAndCancelGoToTheSchedulerForLoadBalancedTasks() {
		this.dispatcher.respond(MessageType.ABORT_REQUEST, request -> FakeDispatcher.schedulerReply(request,
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, MetadataKeys.ABORTED,
						request.content(MetadataKeys.MSG_IDS), MetadataKeys.ALREADY_DONE, "")));
		AsyncResult<Integer> queued = this.lview.applyAsync(ONE);

		assertThat(this.lview.abort(queued)).containsExactly(id(queued));
		FakeDispatcher.Sent abort = this.dispatcher.last();
		assertThat(abort.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_SCHEDULER);
		assertThat(abort.metadata(MetadataKeys.TARGET)).isNull();
		assertThat(abort.content(MetadataKeys.MSG_IDS)).isEqualTo(id(queued));
		assertThat(abort.content(MetadataKeys.CANCEL)).isNull();

		assertThat(this.lview.cancel(queued)).containsExactly(id(queued));
		assertThat(this.dispatcher.last().content(MetadataKeys.CANCEL)).isEqualTo("true");
		assertThat(this.dispatcher.sent(MessageType.ABORT_REQUEST)).hasSize(2);
	}

	@Test
	void abortingEverythingAbortsOnlyThisClientsUnfinishedTasks() {
		this.dispatcher.respond(MessageType.ABORT_REQUEST, request -> FakeDispatcher.schedulerReply(request,
				Map.of(MetadataKeys.ABORTED, request.content(MetadataKeys.MSG_IDS))));
		AsyncResult<Integer> done = this.lview.applyAsync(ONE);
		AsyncResult<Integer> first = this.lview.applyAsync(ONE);
		AsyncResult<Integer> second = this.lview.applyAsync(ONE);
		new DirectView(this.support, List.of(0), false).applyAsync(ONE);
		this.dispatcher.ok(submission(done), 0, 1);

		assertThat(this.lview.abort()).containsExactly(id(first), id(second));
		assertThat(this.dispatcher.sent(MessageType.ABORT_REQUEST)).singleElement()
			.satisfies(abort -> assertThat(abort.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_SCHEDULER));
	}

	@Test
	void abortingWhatAlreadyFinishedOrRanFailsClearly() {
		this.dispatcher.respond(MessageType.ABORT_REQUEST, request -> FakeDispatcher.schedulerReply(request,
				Map.of(MetadataKeys.ABORTED, "", MetadataKeys.ALREADY_DONE, request.content(MetadataKeys.MSG_IDS))));
		AsyncResult<Integer> done = this.lview.applyAsync(ONE);
		AsyncResult<Integer> running = this.lview.applyAsync(ONE);
		this.dispatcher.ok(submission(done), 0, 1);

		assertThatIllegalStateException().isThrownBy(() -> this.lview.abort(done)).withMessageContaining("already finished");
		assertThatIllegalStateException().isThrownBy(() -> this.lview.abort(running)).withMessageContaining("already run");
		assertThat(running.cancel()).isFalse();
	}

	@Test
	void aSchedulerThatRefusesTheAbortSaysWhy() {
		this.dispatcher.respond(MessageType.ABORT_REQUEST, request -> FakeDispatcher.schedulerReply(request,
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR, MetadataKeys.ENAME, "UnknownRoute",
						MetadataKeys.EVALUE, "no such route")));
		AsyncResult<Integer> queued = this.lview.applyAsync(ONE);

		assertThatExceptionOfType(JParallelException.class).isThrownBy(() -> this.lview.abort(queued))
			.withMessageContaining("scheduler refused the abort request: UnknownRoute: no such route");
	}

	@Test
	void cancellingAResultStopsItsTasksEvenWhenRunning() {
		this.dispatcher.respond(MessageType.ABORT_REQUEST, request -> FakeDispatcher.schedulerReply(request,
				Map.of(MetadataKeys.ABORTED, request.content(MetadataKeys.MSG_IDS))));
		AsyncResult<Integer> running = this.lview.applyAsync(ONE);

		assertThat(running.cancel()).isTrue();
		assertThat(this.dispatcher.last().content(MetadataKeys.CANCEL)).isEqualTo("true");
	}

	@Test
	void theSchedulersErrorsAreTyped() {
		AsyncResult<Integer> impossible = this.lview.applyAsync(ONE);
		AsyncResult<Integer> waitedTooLong = this.lview.applyAsync(ONE);
		AsyncResult<Integer> noEngine = this.lview.applyAsync(ONE);

		this.dispatcher.error(submission(impossible), -1, MetadataKeys.IMPOSSIBLE_DEPENDENCY);
		this.dispatcher.error(submission(waitedTooLong), -1, MetadataKeys.DEPENDENCY_TIMEOUT);
		this.dispatcher.error(submission(noEngine), -1, MetadataKeys.TASK_TIMEOUT);

		assertThatExceptionOfType(ImpossibleDependency.class).isThrownBy(impossible::get);
		assertThatExceptionOfType(DependencyTimeout.class).isThrownBy(waitedTooLong::get);
		assertThatExceptionOfType(TaskTimeout.class).isThrownBy(noEngine::get)
			.satisfies(error -> assertThat(error.engineId()).isEqualTo(-1));
	}

	@Test
	void aFailedTaskWithARecoveryRunsItThenTriesOnceMore() {
		Fn0<String> cleanUp = () -> "clean";
		AsyncResult<Integer> result = this.lview.withRecovery(cleanUp).withRetries(1).withLabel("flaky").applyAsync(ONE);
		this.dispatcher.error(this.dispatcher.last().submission(), 0, "java.lang.IllegalStateException");

		await().until(() -> this.dispatcher.sent().size() == 2);
		FakeDispatcher.Sent recovery = this.dispatcher.last();
		assertThat(recovery.metadata(MetadataKeys.LABEL)).isNull();
		assertThat(result.ready()).isFalse();
		this.dispatcher.ok(recovery.submission(), 0, "clean");

		await().until(() -> this.dispatcher.sent().size() == 3);
		FakeDispatcher.Sent again = this.dispatcher.last();
		assertThat(again.metadata(MetadataKeys.LABEL)).isEqualTo("flaky");
		assertThat(again.metadata(MetadataKeys.RETRIES)).isNull();
		this.dispatcher.ok(again.submission(), 3, 42);

		assertThat(result.get(Duration.ofSeconds(5))).isEqualTo(42);
		assertThat(result.engineIds()).containsExactly(3);
		assertThat(result.msgIds()).containsExactly(id(this.dispatcher.sent().get(0)));
	}

	@Test
	void aTaskInRecoveryIsDependedOnThroughItsLastAttempt() {
		AsyncResult<Integer> result = this.lview.withRecovery(() -> "clean").applyAsync(ONE);
		this.dispatcher.error(this.dispatcher.last().submission(), 0, "java.lang.IllegalStateException");
		await().until(() -> this.dispatcher.sent().size() == 2);

		assertThatIllegalArgumentException().isThrownBy(() -> this.lview.withAfter(result).applyAsync(ONE))
			.withMessageContaining("recovery task is running");

		this.dispatcher.ok(this.dispatcher.last().submission(), 0, "clean");
		await().until(() -> this.dispatcher.sent().size() == 3);
		String lastAttempt = id(this.dispatcher.last());
		this.lview.withAfter(result).applyAsync(ONE);

		assertThat(this.dispatcher.last().metadata(MetadataKeys.AFTER)).isEqualTo(lastAttempt);
	}

	@Test
	void aRecoveryThatFailsEndsTheTaskWithItsError() {
		AsyncResult<Integer> result = this.lview.withRecovery(() -> "clean").applyAsync(ONE);
		this.dispatcher.error(this.dispatcher.last().submission(), 0, "java.lang.IllegalStateException");
		await().until(() -> this.dispatcher.sent().size() == 2);

		this.dispatcher.error(this.dispatcher.last().submission(), 1, "java.io.UncheckedIOException");

		await().until(result::ready);
		assertThatExceptionOfType(RemoteError.class).isThrownBy(result::get)
			.satisfies(error -> assertThat(error.ename()).isEqualTo("java.io.UncheckedIOException"));
		assertThat(this.dispatcher.sent()).hasSize(2);
	}

	@Test
	void anAbortedTaskIsNotRecovered() {
		AsyncResult<Integer> result = this.lview.withRecovery(() -> "clean").applyAsync(ONE);

		this.dispatcher.error(this.dispatcher.last().submission(), -1, MetadataKeys.TASK_ABORTED);

		assertThatExceptionOfType(TaskAborted.class).isThrownBy(() -> result.get(Duration.ofSeconds(5)));
		assertThat(this.dispatcher.sent()).hasSize(1);
	}

	@Test
	void theExecutorRemoteAndParallelUseTheViewsFlags() throws Exception {
		this.lview.setLabel("everywhere");

		this.lview.executor().submit(ONE);
		this.lview.withBlock(false).map((Integer x) -> x, List.of(1));

		assertThat(this.dispatcher.sent()).extracting(task -> task.metadata(MetadataKeys.LABEL))
			.containsOnly("everywhere");
	}

	@Test
	void imapSendsChunksLazilyWithAtMostMaxOutstandingInFlight() {
		MapIterator<Integer> results = this.lview.withChunksize(2).withMaxOutstanding(2).imap((Integer x) -> x * 10,
				IntStream.range(0, 10).boxed().toList());

		assertThat(this.dispatcher.sent()).hasSize(2);
		this.dispatcher.ok(this.dispatcher.sent().get(0).submission(), 0, List.of(0, 10));
		assertThat(results.next()).isZero();
		assertThat(this.dispatcher.sent()).hasSize(3);
		assertThat(results.inFlightChunks()).isEqualTo(2);
	}

	@Test
	void blockingApplyWaitsForTheResult() {
		this.dispatcher.respond(MessageType.APPLY_REQUEST,
				request -> FakeDispatcher.reply(request.header().msgId(), 1, Map.of(MetadataKeys.STATUS,
						MetadataKeys.STATUS_OK), Map.of(), List.of(ValueCodec.encode(7))));

		AsyncResult<Integer> result = this.lview.withBlock(true).apply(ONE);

		assertThat(result.ready()).isTrue();
		assertThat(result.get()).isEqualTo(7);
	}

	private static Submission submission(AsyncResult<?> result) {
		return result.submissions().get(0);
	}

	private static String id(AsyncResult<?> result) {
		return result.msgIds().get(0);
	}

	private static String id(FakeDispatcher.Sent sent) {
		return sent.request().header().msgId();
	}

}
