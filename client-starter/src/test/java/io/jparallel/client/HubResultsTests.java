package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.FakeHub;
import io.jparallel.client.internal.ResultPoller;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubResultsTests {

	private final AtomicBoolean pendingAnswered = new AtomicBoolean();

	private final FakeHub hub = new FakeHub().answer(MessageType.GET_RESULT_REQUEST, request -> {
		String asked = request.content(MetadataKeys.MSG_IDS);
		return switch (asked) {
			case "done" -> Map.of(MetadataKeys.FOUND, "done");
			case "failed" -> Map.of(MetadataKeys.FOUND, "failed");
			case "bcast" -> Map.of(MetadataKeys.FOUND, "bcast,bcast");
			case "done,failed" -> Map.of(MetadataKeys.FOUND, "done,failed");
			case "later" -> this.pendingAnswered.get() ? Map.of(MetadataKeys.FOUND, "later")
					: Map.of(MetadataKeys.PENDING, "later");
			default -> Map.of(MetadataKeys.UNKNOWN, asked);
		};
	}, request -> switch (request.content(MetadataKeys.MSG_IDS)) {
		case "done" -> List.of(FakeHub.storedOk("done", 2, 42, "hello\n"));
		case "failed" -> List.of(FakeHub.storedError("failed", 1, "java.lang.ArithmeticException", "/ by zero"));
		case "bcast" -> List.of(FakeHub.storedOk("bcast", 0, "a", ""), FakeHub.storedOk("bcast", 1, "b", ""));
		case "done,failed" -> List.of(FakeHub.storedOk("done", 2, 42, "hello\n"),
				FakeHub.storedError("failed", 1, "java.lang.ArithmeticException", "/ by zero"));
		case "later" -> this.pendingAnswered.get() ? List.of(FakeHub.storedOk("later", 3, "at last", "")) : List.of();
		default -> List.of();
	});

	private final ResultPoller poller = new ResultPoller(this.hub.queries(), Duration.ofMillis(20));

	private final ViewSupport support = new ViewSupport(new FakeDispatcher(), loader -> {
	}, getClass().getClassLoader(), () -> List.of(0, 1, 2, 3));

	private final HubResults results = new HubResults(this.hub.queries(), this.poller, this.support, java.time.Duration.ZERO);

	@AfterEach
	void close() {
		this.poller.close();
	}

	@Test
	void aStoredReplyReadsLikeTheLiveOne() {
		AsyncResult<Object> result = this.results.one("done");

		assertThat(result.ready()).isTrue();
		assertThat(result.get()).isEqualTo(42);
		assertThat(result.engineIds()).containsExactly(2);
		assertThat(result.stdout()).containsExactly("hello\n");
		assertThat(result.msgIds()).containsExactly("done");
		assertThat(result.metadata()).singleElement().satisfies(metadata -> {
			assertThat(metadata.engineUuid()).isEqualTo("uuid-2");
			assertThat(metadata.submitted()).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
			assertThat(metadata.started()).isEqualTo(Instant.parse("2025-01-31T12:00:01Z"));
			assertThat(metadata.status()).isEqualTo(MetadataKeys.STATUS_OK);
		});
		assertThat(result.serialTime()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aStoredErrorIsARemoteError() {
		assertThatExceptionOfType(RemoteError.class).isThrownBy(() -> this.results.one("failed").get())
			.satisfies(error -> {
				assertThat(error.engineId()).isEqualTo(1);
				assertThat(error.ename()).isEqualTo("java.lang.ArithmeticException");
				assertThat(error.remoteTraceback()).contains("Remote.run");
			});
		assertThatExceptionOfType(CompositeError.class)
			.isThrownBy(() -> this.results.many(List.of("done", "failed")).get());
	}

	@Test
	void aBroadcastsResultIsEveryEnginesValue() {
		AsyncResult<Object> result = this.results.one("bcast");

		assertThat(result.get()).isEqualTo(List.of("a", "b"));
		assertThat(result.engineIds()).containsExactly(0, 1);
		assertThat(result.msgIds()).containsExactly("bcast");
	}

	@Test
	void aPendingRequestCompletesOnceTheHubHasItsReply() {
		AsyncResult<Object> result = this.results.one("later");
		assertThat(result.ready()).isFalse();

		this.pendingAnswered.set(true);

		assertThat(result.get(Duration.ofSeconds(5))).isEqualTo("at last");
		assertThat(result.engineIds()).containsExactly(3);
	}

	@Test
	void unknownIdsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.results.one("nope"))
			.withMessageContaining("[nope]");
	}

}
