package io.jparallel.hub.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.hub.testing.MutableClock;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.wire.InvalidMessageException;

import static io.jparallel.hub.audit.AuditMessages.CODEC;
import static io.jparallel.hub.audit.AuditMessages.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;

class HeldChunksTests {

	private final MutableClock clock = new MutableClock(SUBMITTED);

	private final HeldChunks chunks = new HeldChunks(CODEC, this.clock, Duration.ofMinutes(2), 10);

	@Test
	void wholeMessagesPassAndTheirDeliveriesMayBeAcknowledged() {
		Accepted request = accepted(AuditMessages.executeRequest(MetadataKeys.ROUTE_TASK, null));

		assertThat(this.chunks.offer(request, 1)).containsExactly(request);
		assertThat(this.chunks.acknowledgeable(List.of(1L))).containsExactly(1L);
		assertThat(this.chunks.lowestHeld()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void chunksAreHeldUntilTheLastCompletesTheMessageAsItWasSigned() {
		Message large = largeRequest(2_500_000);
		List<Chunks.Part> parts = Chunks.encode(CODEC, large, "client-1");
		assertThat(parts).hasSize(3);

		assertThat(this.chunks.offer(accepted(parts.get(0)), 1)).isEmpty();
		assertThat(this.chunks.offer(accepted(parts.get(1)), 2)).isEmpty();
		assertThat(this.chunks.acknowledgeable(List.of(1L, 2L))).isEmpty();
		assertThat(this.chunks.lowestHeld()).isEqualTo(1);
		assertThat(this.chunks.incomplete()).isOne();

		List<Accepted> whole = this.chunks.offer(accepted(parts.get(2)), 5);

		assertThat(whole).singleElement().satisfies(accepted -> {
			assertThat(accepted.message().header().msgId()).isEqualTo(large.header().msgId());
			assertThat(accepted.message().buffers().get(0)).hasSize(2_500_000);
			assertThat(accepted.encoded()).isEqualTo(CODEC.encode(large));
		});
		assertThat(this.chunks.acknowledgeable(List.of(5L))).containsExactly(1L, 2L, 5L);
		assertThat(this.chunks.incomplete()).isZero();
		assertThat(this.chunks.heldDeliveries()).isZero();
	}

	@Test
	void aMessageWhoseChunksStopComingIsGivenUpAndItsDeliveriesLetGo() {
		List<Chunks.Part> parts = Chunks.encode(CODEC, largeRequest(1_500_000), "client-1");
		this.chunks.offer(accepted(parts.get(0)), 7);
		assertThat(this.chunks.acknowledgeable(List.of(7L))).isEmpty();

		this.clock.advance(Duration.ofMinutes(3));

		assertThat(this.chunks.acknowledgeable(List.of())).containsExactly(7L);
		assertThat(this.chunks.incomplete()).isZero();
	}

	@Test
	void whenTooManyDeliveriesAreHeldTheOldestMessagesAreLetGoButStillCompleted() {
		HeldChunks few = new HeldChunks(CODEC, this.clock, Duration.ofMinutes(2), 2);
		List<Chunks.Part> parts = Chunks.encode(CODEC, largeRequest(3_500_000), "client-1");
		assertThat(parts).hasSize(4);
		few.offer(accepted(parts.get(0)), 1);
		few.offer(accepted(parts.get(1)), 2);
		few.offer(accepted(parts.get(2)), 3);

		assertThat(few.acknowledgeable(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L);
		assertThat(few.offer(accepted(parts.get(3)), 4)).hasSize(1);
		assertThat(few.acknowledgeable(List.of(4L))).containsExactly(4L);
	}

	@Test
	void resetForgetsWhatWasHeld() {
		List<Chunks.Part> parts = Chunks.encode(CODEC, largeRequest(1_500_000), "client-1");
		this.chunks.offer(accepted(parts.get(0)), 1);

		this.chunks.reset("test");

		assertThat(this.chunks.incomplete()).isZero();
		assertThat(this.chunks.acknowledgeable(List.of(2L))).containsExactly(2L);
		// the redelivered chunks complete the message from the start
		assertThat(this.chunks.offer(accepted(parts.get(0)), 3)).isEmpty();
		assertThat(this.chunks.offer(accepted(parts.get(1)), 4)).hasSize(1);
	}

	static Message largeRequest(int bytes) {
		return Message.request(Header.create(MessageType.APPLY_REQUEST, "client-1", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK), Map.of(), List.of(new byte[bytes]));
	}

	private static Accepted accepted(Message message) {
		return new Accepted(message, CODEC.encode(message));
	}

	static Accepted accepted(Chunks.Part part) {
		try {
			return new Accepted(CODEC.decode(part.encoded()), part.encoded());
		}
		catch (InvalidMessageException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
