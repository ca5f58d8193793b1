package io.jparallel.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.jparallel.client.JParallelException;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;

class ResultPollerTests {

	private final AtomicBoolean answered = new AtomicBoolean();

	private final FakeHub hub = new FakeHub().answer(MessageType.GET_RESULT_REQUEST,
			request -> this.answered.get() ? Map.of(MetadataKeys.FOUND, "b,b", MetadataKeys.UNKNOWN, "gone")
					: Map.of(MetadataKeys.PENDING, "b,b", MetadataKeys.UNKNOWN, "gone"),
			request -> this.answered.get() ? List.of(FakeHub.storedOk("b", 1, "one", ""), FakeHub.storedOk("b", 0, "zero", ""))
					: List.of());

	private final ResultPoller poller = new ResultPoller(this.hub.queries(), Duration.ofDays(1));

	@Test
	void aPendingRequestIsCompletedOnceTheHubHasEveryReply() {
		CompletableFuture<Message> first = new CompletableFuture<>();
		CompletableFuture<Message> second = new CompletableFuture<>();
		this.poller.watch("b", List.of(first, second));

		this.poller.poll();
		assertThat(first).isNotDone();
		assertThat(this.poller.watching()).containsExactly("b");

		this.answered.set(true);
		this.poller.poll();

		assertThat(first.join().metadata(MetadataKeys.ENGINE_ID)).isEqualTo("1");
		assertThat(second.join().metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");
		assertThat(this.poller.watching()).isEmpty();
	}

	@Test
	void anIdTheHubNoLongerKnowsFails() {
		CompletableFuture<Message> reply = new CompletableFuture<>();
		this.poller.watch("gone", List.of(reply));

		this.poller.poll();

		assertThat(reply).isCompletedExceptionally();
		assertThat(reply.handle((value, error) -> error).join()).isInstanceOf(JParallelException.class)
			.hasMessageContaining("gone is no longer known to the hub");
	}

	@Test
	void closingFailsWhatIsStillWatched() {
		CompletableFuture<Message> reply = new CompletableFuture<>();
		this.poller.watch("b", List.of(reply));

		this.poller.close();

		assertThat(reply).isCompletedExceptionally();
	}

	@Test
	void theSchedulerPollsByItself() {
		this.answered.set(true);
		CompletableFuture<Message> first = new CompletableFuture<>();
		CompletableFuture<Message> second = new CompletableFuture<>();
		try (ResultPoller quick = new ResultPoller(this.hub.queries(), Duration.ofMillis(20))) {
			quick.watch("b", List.of(first, second));

			assertThat(CompletableFuture.allOf(first, second)).succeedsWithin(Duration.ofSeconds(5));
		}
	}

}
