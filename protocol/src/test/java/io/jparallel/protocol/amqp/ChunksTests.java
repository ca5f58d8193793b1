package io.jparallel.protocol.amqp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.wire.InvalidMessageException;
import io.jparallel.protocol.wire.MessageCodec;

import static org.assertj.core.api.Assertions.assertThat;

class ChunksTests {

	private final MessageCodec codec = MessageCodec.withKey("a cluster key of 32 bytes, at least".getBytes(StandardCharsets.UTF_8));

	@Test
	void aSmallMessageTravelsWholeUnderItsOwnRoutingKey() {
		List<Chunks.Part> parts = Chunks.encode(this.codec, message(1000), "client-1");

		assertThat(parts).singleElement().satisfies(part -> assertThat(part.routingKey()).isEqualTo("client-1"));
	}

	@Test
	void aLargeMessageTravelsAsSignedChunksThatReassembleInAnyOrder() throws Exception {
		Message original = message(3 * Chunks.CHUNK_BYTES + 17);
		List<Chunks.Part> parts = new ArrayList<>(Chunks.encode(this.codec, original, "client-1"));

		assertThat(parts).hasSize(4);
		assertThat(parts.get(0).routingKey()).isEqualTo("client-1");
		assertThat(parts.subList(1, 4)).allSatisfy(part -> assertThat(part.routingKey()).isEqualTo("client-1.chunk"));
		Collections.shuffle(parts, new Random(7));
		ChunkAssembler assembler = new ChunkAssembler(this.codec);
		List<Accepted> completed = new ArrayList<>();
		for (Chunks.Part part : parts) {
			Message chunk = this.codec.decode(part.encoded());
			assertThat(chunk.msgType()).isEqualTo(MessageType.CHUNK);
			assertThat(chunk.metadata()).isEqualTo(original.metadata());
			completed.addAll(assembler.offer(new Accepted(chunk, part.encoded())));
		}

		assertThat(completed).singleElement().satisfies(accepted -> {
			assertThat(accepted.message().header()).isEqualTo(original.header());
			assertThat(accepted.message().buffers().get(0)).isEqualTo(original.buffers().get(0));
		});
		assertThat(assembler.incomplete()).isZero();
	}

	@Test
	void nothingCompletesWhileAChunkIsMissingAndARepeatedChunkIsIgnored() throws Exception {
		List<Chunks.Part> parts = Chunks.encode(this.codec, message(2 * Chunks.CHUNK_BYTES + 1), "client-1");
		ChunkAssembler assembler = new ChunkAssembler(this.codec);
		Message first = this.codec.decode(parts.get(0).encoded());

		assertThat(assembler.offer(new Accepted(first, parts.get(0).encoded()))).isEmpty();
		assertThat(assembler.offer(new Accepted(first, parts.get(0).encoded()))).isEmpty();
		assertThat(assembler.incomplete()).isEqualTo(1);
	}

	@Test
	void aTamperedChunkFailsItsSignature() {
		byte[] chunk = Chunks.encode(this.codec, message(Chunks.CHUNK_BYTES + 1), "client-1").get(1).encoded().clone();
		chunk[chunk.length - 1] ^= 1;

		org.assertj.core.api.Assertions.assertThatExceptionOfType(InvalidMessageException.class)
			.isThrownBy(() -> this.codec.decode(chunk))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(InvalidMessageException.Reason.BAD_SIGNATURE));
	}

	private static Message message(int bufferBytes) {
		byte[] buffer = new byte[bufferBytes];
		new Random(42).nextBytes(buffer);
		return Message.request(Header.create(MessageType.PUSH_REQUEST, "client-1", "ada"),
				Map.of("route", "mux", "target", "0"), Map.of("names", "a"), List.of(buffer));
	}

}
