package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AsyncResultTests {

	private static final AsyncResult.ReplyDecoder DECODE_BUFFER = reply -> ValueCodec.decode(reply.buffers().get(0),
			AsyncResultTests.class.getClassLoader());

	private static final Function<List<Object>, Object> FIRST = values -> values.get(0);

	private final List<Submission> submissions = new ArrayList<>();

	@Test
	void aResultIsNotReadyUntilEveryReplyHasArrived() {
		Submission to0 = submit(0);
		Submission to1 = submit(1);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);

		assertThat(result.ready()).isFalse();
		to0.reply().complete(ok(to0, 0, 10));
		assertThat(result.ready()).isFalse();
		assertThat(result.metadata()).isEmpty();

		to1.reply().complete(ok(to1, 1, 11));

		assertThat(result.ready()).isTrue();
		assertThat(result.successful()).isTrue();
	}

	@Test
	void getCombinesTheValuesInTheOrderTheRequestsWereSent() {
		Submission to0 = submit(0);
		Submission to1 = submit(1);
		Submission to2 = submit(2);
		AsyncResult<Integer> sum = new AsyncResult<>(this.submissions, false, DECODE_BUFFER,
				values -> values.stream().mapToInt(Integer.class::cast).sum());
		AsyncResult<List<Object>> all = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);

		to2.reply().complete(ok(to2, 2, 300));
		to0.reply().complete(ok(to0, 0, 1));
		to1.reply().complete(ok(to1, 1, 20));

		assertThat(sum.get()).isEqualTo(321);
		assertThat(all.get()).containsExactly(1, 20, 300);
		assertThat(all.msgIds()).containsExactly(to0.msgId(), to1.msgId(), to2.msgId());
	}

	@Test
	void oneErrorOnASingleResultIsRaisedAsARemoteErrorWithTheEnginesFacts() {
		Submission to3 = submit(3);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, DECODE_BUFFER, FIRST);

		to3.reply().complete(error(to3, 3, "java.lang.ArithmeticException", "/ by zero", "at Snippet.run(1)"));

		assertThat(result.ready()).isTrue();
		assertThat(result.successful()).isFalse();
		assertThatExceptionOfType(RemoteError.class).isThrownBy(result::get).satisfies(error -> {
			assertThat(error.engineId()).isEqualTo(3);
			assertThat(error.ename()).isEqualTo("java.lang.ArithmeticException");
			assertThat(error.evalue()).isEqualTo("/ by zero");
			assertThat(error.remoteTraceback()).isEqualTo("at Snippet.run(1)");
			assertThat(error).hasMessage("[3:apply]: java.lang.ArithmeticException: / by zero");
		});
		assertThatExceptionOfType(RemoteError.class).isThrownBy(() -> result.get(Duration.ofSeconds(1)));
	}

	@Test
	void errorsOnAMultiResultAreRaisedAsACompositeErrorListingEachEngine() {
		Submission to0 = submit(0);
		Submission to1 = submit(1);
		Submission to2 = submit(2);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);

		to0.reply().complete(error(to0, 0, "java.lang.IllegalStateException", "broken", "trace 0"));
		to1.reply().complete(ok(to1, 1, 1));
		to2.reply().complete(error(to2, 2, "java.lang.ArithmeticException", "/ by zero", "trace 2"));

		assertThatExceptionOfType(CompositeError.class).isThrownBy(result::get).satisfies(composite -> {
			assertThat(composite.errors()).extracting(RemoteError::engineId).containsExactly(0, 2);
			assertThat(composite.errors()).extracting(RemoteError::ename)
				.containsExactly("java.lang.IllegalStateException", "java.lang.ArithmeticException");
			assertThat(composite.getMessage()).contains("2 remote error(s)")
				.contains("[0:apply]: java.lang.IllegalStateException: broken")
				.contains("[2:apply]: java.lang.ArithmeticException: / by zero");
			assertThat(composite.getSuppressed()).hasSize(2);
		});
	}

	@Test
	void oneErrorOnAMultiResultIsStillACompositeError() {
		Submission to0 = submit(0);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);

		to0.reply().complete(error(to0, 0, "java.lang.RuntimeException", "boom", ""));

		assertThatExceptionOfType(CompositeError.class).isThrownBy(result::get)
			.satisfies(composite -> assertThat(composite.errors()).hasSize(1));
	}

	@Test
	void aResultThatCannotBeDecodedIsARemoteErrorNamingTheCause() {
		Submission to0 = submit(0);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, reply -> {
			throw new IllegalArgumentException("unreadable");
		}, FIRST);

		to0.reply().complete(ok(to0, 0, 1));

		assertThatExceptionOfType(RemoteError.class).isThrownBy(result::get).satisfies(error -> {
			assertThat(error.engineId()).isZero();
			assertThat(error.ename()).isEqualTo(IllegalArgumentException.class.getName());
			assertThat(error.evalue()).contains("unreadable");
		});
	}

	@Test
	void getWithATimeoutRaisesResultTimeoutExceptionSayingHowManyRepliesArrived() {
		Submission to0 = submit(0);
		submit(1);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);
		to0.reply().complete(ok(to0, 0, 1));

		assertThatExceptionOfType(ResultTimeoutException.class).isThrownBy(() -> result.get(Duration.ofMillis(50)))
			.withMessageContaining("50 ms")
			.withMessageContaining("1 of 2 replies");
		assertThat(result.await(Duration.ofMillis(10))).isFalse();
		assertThat(result.ready()).isFalse();
	}

	@Test
	void metadataStdoutAndEngineIdsDescribeEachRequestOnceReady() {
		Submission to1 = submit(1);
		Submission balanced = submit(-1);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);
		Instant started = Instant.parse("2026-03-04T05:06:07.100Z");
		Instant completed = Instant.parse("2026-03-04T05:06:07.350Z");

		to1.reply().complete(reply(to1, 1, MetadataKeys.STATUS_OK, Map.of(MetadataKeys.STDOUT, "hello from 1\n",
				MetadataKeys.STDERR, "warning\n"), started, completed, ValueCodec.encode("a")));
		balanced.reply().complete(reply(balanced, 4, MetadataKeys.STATUS_OK, Map.of(), started, completed,
				ValueCodec.encode("b")));

		assertThat(result.get()).containsExactly("a", "b");
		assertThat(result.engineIds()).containsExactly(1, 4);
		assertThat(result.stdout()).containsExactly("hello from 1\n", "");
		assertThat(result.stderr()).containsExactly("warning\n", "");
		ResultMetadata first = result.metadata().get(0);
		assertThat(first.msgId()).isEqualTo(to1.msgId());
		assertThat(first.engineUuid()).isEqualTo("uuid-1");
		assertThat(first.submitted()).isEqualTo(to1.submitted());
		assertThat(first.started()).isEqualTo(started);
		assertThat(first.completed()).isEqualTo(completed);
		assertThat(first.received()).isAfterOrEqualTo(first.submitted());
		assertThat(first.wallTime()).isEqualTo(Duration.between(first.submitted(), first.received()));
		assertThat(result.metadata().get(1).engineUuid()).isEqualTo("uuid-4");
	}

	@Test
	void metadataIsAvailableEvenWhenTheResultFailed() {
		Submission to0 = submit(0);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, DECODE_BUFFER, FIRST);

		to0.reply().complete(error(to0, 0, "java.lang.RuntimeException", "boom", ""));

		assertThat(result.await().ready()).isTrue();
		assertThat(result.engineIds()).containsExactly(0);
		assertThat(result.metadata()).extracting(ResultMetadata::status).containsExactly(MetadataKeys.STATUS_ERROR);
	}

	@Test
	void aReplyWithoutEngineIdIsAttributedToTheEngineItWasSentTo() {
		Submission to5 = submit(5);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, DECODE_BUFFER, FIRST);
		Message reply = new Message(Header.create(MessageType.EXECUTE_REPLY, "scheduler", "scheduler"),
				request(to5), Map.of(), Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR, MetadataKeys.ENAME,
						"io.jparallel.UnplaceableRequestError", MetadataKeys.EVALUE, "no engine"), List.of());

		to5.reply().complete(reply);

		assertThatExceptionOfType(RemoteError.class).isThrownBy(result::get)
			.satisfies(error -> assertThat(error.engineId()).isEqualTo(5));
	}

	@Test
	void progressCountsTheFinishedRequestsAndSuccessfulNeedsAFinishedResult() {
		Submission to0 = submit(0);
		submit(1);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);

		assertThat(result.progress()).isZero();
		to0.reply().complete(ok(to0, 0, 1));

		assertThat(result.progress()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(result::successful)
			.withMessageContaining("1 of 2 requests have finished");
		assertThatIllegalStateException().isThrownBy(result::serialTime);
		assertThatIllegalStateException().isThrownBy(result::wallTime);
		assertThat(result).hasToString("AsyncResult[2 request(s), 1 finished]");
	}

	@Test
	void serialTimeSumsTheEnginesTimesAndWallTimeRunsFromSubmissionToTheLastCompletion() {
		Submission to0 = submit(0);
		Submission to1 = submit(1);
		Submission aborted = submit(2);
		AsyncResult<List<Object>> result = new AsyncResult<>(this.submissions, false, DECODE_BUFFER, List::copyOf);
		Instant start = to0.submitted().plusMillis(10);

		to0.reply().complete(reply(to0, 0, MetadataKeys.STATUS_OK, Map.of(), start, start.plusMillis(300),
				ValueCodec.encode(1)));
		to1.reply().complete(reply(to1, 1, MetadataKeys.STATUS_OK, Map.of(), start.plusMillis(100),
				start.plusMillis(500), ValueCodec.encode(2)));
		aborted.reply().complete(error(aborted, 2, MetadataKeys.TASK_ABORTED, "aborted", ""));

		assertThat(result.await().ready()).isTrue();
		assertThat(result.successful()).isFalse();
		assertThat(result.serialTime()).isEqualTo(Duration.ofMillis(700));
		assertThat(result.wallTime()).isEqualTo(Duration.between(this.submissions.get(0).submitted(),
				start.plusMillis(500)));
		assertThat(result.progress()).isEqualTo(3);
	}

	@Test
	void elapsedStopsWhenTheResultIsReady() throws InterruptedException {
		Submission to0 = submit(0);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, DECODE_BUFFER, FIRST);
		Thread.sleep(20);
		assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(20));

		to0.reply().complete(ok(to0, 0, 1));
		Duration atReady = result.elapsed();
		Thread.sleep(20);

		assertThat(result.elapsed()).isEqualTo(atReady);
		assertThat(result.wallTime()).isEqualTo(atReady);
		assertThat(result.serialTime()).isZero();
	}

	@Test
	void cancellingAResultNotMadeByAViewSaysSo() {
		submit(0);
		AsyncResult<Object> result = new AsyncResult<>(this.submissions, true, DECODE_BUFFER, FIRST);

		assertThatIllegalStateException().isThrownBy(() -> result.stop(true)).withMessageContaining("not made by a view");
		assertThat(result.cancel()).isFalse();
	}

	@Test
	void theSchedulersErrorNamesBecomeTheirOwnExceptions() {
		assertThat(RemoteError.of(-1, "apply", MetadataKeys.IMPOSSIBLE_DEPENDENCY, "x", ""))
			.isInstanceOf(ImpossibleDependency.class);
		assertThat(RemoteError.of(-1, "apply", MetadataKeys.DEPENDENCY_TIMEOUT, "x", ""))
			.isInstanceOf(DependencyTimeout.class);
		assertThat(RemoteError.of(-1, "apply", MetadataKeys.TASK_TIMEOUT, "x", "")).isInstanceOf(TaskTimeout.class)
			.hasMessage("[-1:apply]: TaskTimeout: x");
		assertThat(RemoteError.of(0, "apply", "io.jparallel.UnplaceableRequestError", "pure", ""))
			.isExactlyInstanceOf(RemoteError.class);
		assertThat(RemoteError.of(0, "apply", null, "?", "")).isExactlyInstanceOf(RemoteError.class);
	}

	private Submission submit(int target) {
		Submission submission = new Submission("msg-" + this.submissions.size() + "-" + target, Instant.now(), target,
				new CompletableFuture<>());
		this.submissions.add(submission);
		return submission;
	}

	private static Message ok(Submission submission, int engineId, Object value) {
		return reply(submission, engineId, MetadataKeys.STATUS_OK, Map.of(), null, null, ValueCodec.encode(value));
	}

	private static Message error(Submission submission, int engineId, String ename, String evalue, String traceback) {
		return reply(submission, engineId, MetadataKeys.STATUS_ERROR, Map.of(MetadataKeys.ENAME, ename,
				MetadataKeys.EVALUE, evalue, MetadataKeys.TRACEBACK, traceback), null, null, null);
	}

	private static Message reply(Submission submission, int engineId, String status, Map<String, String> content,
			Instant started, Instant completed, byte[] buffer) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put(MetadataKeys.ENGINE_ID, Integer.toString(engineId));
		metadata.put(MetadataKeys.ENGINE_UUID, "uuid-" + engineId);
		if (started != null) {
			metadata.put(MetadataKeys.STARTED, started.toString());
			metadata.put(MetadataKeys.COMPLETED, completed.toString());
		}
		Map<String, String> allContent = new HashMap<>(content);
		allContent.put(MetadataKeys.STATUS, status);
		return new Message(Header.create(MessageType.APPLY_REPLY, "engine-" + engineId, "engine"), request(submission),
				metadata, allContent, (buffer != null) ? List.of(buffer) : List.of());
	}

	private static Header request(Submission submission) {
		return new Header(submission.msgId(), MessageType.APPLY_REQUEST, "client", "tester", submission.submitted(),
				Header.PROTOCOL_VERSION);
	}

}
