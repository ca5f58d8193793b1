package io.jparallel.protocol.amqp;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.wire.MessageCodec;
import io.jparallel.protocol.wire.MessageSigner;

import static org.assertj.core.api.Assertions.assertThat;

class InboundMessagesTests {

	private static final byte[] KEY = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef");

	private final MessageCodec codec = MessageCodec.withKey(KEY);

	private final MessageCodec stranger = MessageCodec.withKey(HexFormat.of().parseHex("fedcba9876543210fedcba9876543210"));

	@Test
	void rejectionsAreCountedByReasonAndAcceptedMessagesSeparately() {
		InboundMessages inbound = new InboundMessages(this.codec, false);
		byte[] big = MessageCodec.withKey(KEY).encode(request(new byte[2048]));
		InboundMessages small = new InboundMessages(new MessageCodec(new MessageSigner(KEY), 1024), false);

		assertThat(inbound.accept(this.codec.encode(request(new byte[0])), "q")).isNotNull();
		assertThat(inbound.accept(this.stranger.encode(request(new byte[0])), "q")).isNull();
		assertThat(inbound.accept(this.stranger.encode(request(new byte[0])), "q")).isNull();
		assertThat(inbound.accept("garbage, definitely not a message at all".getBytes(StandardCharsets.UTF_8), "q"))
			.isNull();
		assertThat(small.accept(big, "q")).isNull();

		assertThat(inbound.rejectedCounts()).containsExactly(Map.entry("malformed", 1L), Map.entry("bad_signature", 2L),
				Map.entry("oversized", 0L), Map.entry("replayed", 0L));
		assertThat(inbound.rejectedTotal()).isEqualTo(3);
		assertThat(inbound.acceptedTotal()).isEqualTo(1);
		assertThat(small.rejectedCounts()).containsEntry("oversized", 1L);
	}

	@Test
	void aReplayedMessageIsRejectedWhenReplaysAreRejected() {
		InboundMessages inbound = new InboundMessages(this.codec, true);
		byte[] bytes = this.codec.encode(request(new byte[0]));

		Message first = inbound.accept(bytes, "q");
		Message second = inbound.accept(bytes, "q");

		assertThat(first).isNotNull();
		assertThat(second).isNull();
		assertThat(inbound.rejectedCounts()).containsEntry("replayed", 1L);
		assertThat(inbound.acceptedTotal()).isEqualTo(1);
	}

	@Test
	void aRepeatedMessageIsAcceptedWhenReplaysAreNotRejected() {
		InboundMessages inbound = new InboundMessages(this.codec, false);
		byte[] bytes = this.codec.encode(request(new byte[0]));

		assertThat(inbound.accept(bytes, "q")).isNotNull();
		assertThat(inbound.accept(bytes, "q")).isNotNull();

		assertThat(inbound.rejectedTotal()).isZero();
		assertThat(inbound.acceptedTotal()).isEqualTo(2);
	}

	private static Message request(byte[] buffer) {
		return Message.request(Header.create(MessageType.EXECUTE_REQUEST, "s", "u"), Map.of(), Map.of("code", "1"),
				List.of(buffer));
	}

}
