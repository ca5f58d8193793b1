package io.jparallel.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageCodecTests {

	private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

	private static final byte[] OTHER_KEY = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

	/** Magic (3 bytes) and signature (32 bytes) precede the signed payload. */
	private static final int PAYLOAD_OFFSET = 3 + MessageSigner.SIGNATURE_LENGTH;

	private final MessageCodec codec = MessageCodec.withKey(KEY);

	@Test
	void everyPartOfAReplySurvivesTheRoundTrip() throws Exception {
		Header request = new Header("req-1", MessageType.APPLY_REQUEST, "client-session", "alice",
				Instant.parse("2026-01-02T03:04:05.123456789Z"), Header.PROTOCOL_VERSION);
		Header header = new Header("rep-1", MessageType.APPLY_REPLY, "engine-session", "bob",
				Instant.parse("2026-01-02T03:04:06.987654321Z"), Header.PROTOCOL_VERSION);
		Message message = new Message(header, request, Map.of("engine_id", "3", "started", "2026-01-02T03:04:05Z"),
				Map.of("status", "ok", "stdout", "hello\nworld"), List.of(new byte[] { 1, 2, 3 }, new byte[0]));

		Message decoded = this.codec.decode(this.codec.encode(message));

		assertThat(decoded.header()).isEqualTo(header);
		assertThat(decoded.parentHeader()).isEqualTo(request);
		assertThat(decoded.metadata()).isEqualTo(message.metadata());
		assertThat(decoded.content()).isEqualTo(message.content());
		assertThat(decoded.buffers()).hasSize(2);
		assertThat(decoded.buffers().get(0)).containsExactly(1, 2, 3);
		assertThat(decoded.buffers().get(1)).isEmpty();
	}

	@Test
	void aRequestWithoutParentDecodesWithANullParentHeader() throws Exception {
		Message message = request(Map.of(), Map.of(), List.of());

		Message decoded = this.codec.decode(this.codec.encode(message));

		assertThat(decoded.parentHeader()).isNull();
		assertThat(decoded.header()).isEqualTo(message.header());
		assertThat(decoded.metadata()).isEmpty();
		assertThat(decoded.content()).isEmpty();
		assertThat(decoded.buffers()).isEmpty();
	}

	@Test
	void aLargeBufferSurvivesTheRoundTripUnchanged() throws Exception {
		byte[] large = new byte[3 * 1024 * 1024 + 7];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) (i * 31);
		}

		Message decoded = this.codec.decode(this.codec.encode(request(Map.of(), Map.of(), List.of(large))));

		assertThat(decoded.buffers()).hasSize(1);
		assertThat(Arrays.equals(decoded.buffers().get(0), large)).isTrue();
	}

	@Test
	void unicodeInHeaderMetadataAndContentSurvivesTheRoundTrip() throws Exception {
		Header header = Header.create(MessageType.EXECUTE_REQUEST, "séance-😀", "Jürgen 山田");
		Message message = new Message(header, null, Map.of("clé", "värde"),
				Map.of("code", "System.out.println(\"π ≈ 3.14 — 你好 🚀\");"), List.of());

		Message decoded = this.codec.decode(this.codec.encode(message));

		assertThat(decoded.header()).isEqualTo(header);
		assertThat(decoded.metadata()).containsEntry("clé", "värde");
		assertThat(decoded.content("code")).isEqualTo("System.out.println(\"π ≈ 3.14 — 你好 🚀\");");
	}

	@Test
	void aMessageSignedWithAnotherKeyIsRejectedAsBadlySigned() {
		byte[] bytes = MessageCodec.withKey(OTHER_KEY).encode(request(Map.of(), Map.of("code", "1+1"), List.of()));

		assertRejected(bytes, Reason.BAD_SIGNATURE);
	}

	@Test
	void aFlippedByteInThePayloadIsRejectedAsBadlySigned() {
		byte[] bytes = this.codec.encode(request(Map.of(), Map.of("code", "1+1"), List.of(new byte[] { 42 })));
		bytes[bytes.length - 1] ^= 0x01;

		assertRejected(bytes, Reason.BAD_SIGNATURE);
	}

	@Test
	void garbageIsRejectedAsMalformed() {
		byte[] garbage = "this is not a JParallel message, just some text long enough".getBytes(StandardCharsets.UTF_8);

		assertRejected(garbage, Reason.MALFORMED);
	}

	@Test
	void bytesTooShortToHoldMagicAndSignatureAreRejectedAsMalformed() {
		assertRejected(new byte[] { 'J', 'P', 1, 0, 0 }, Reason.MALFORMED);
		assertRejected(new byte[0], Reason.MALFORMED);
		assertRejected(null, Reason.MALFORMED);
	}

	@Test
	void wrongMagicIsRejectedAsMalformed() {
		byte[] bytes = this.codec.encode(request(Map.of(), Map.of(), List.of()));
		bytes[0] = 'X';

		assertRejected(bytes, Reason.MALFORMED);
	}

	@Test
	void anUnknownWireVersionIsRejectedAsMalformedNamingTheVersion() {
		byte[] bytes = this.codec.encode(request(Map.of(), Map.of(), List.of()));
		bytes[2] = 2;

		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> this.codec.decode(bytes))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED))
			.withMessageContaining("version 2");
	}

	@Test
	void aMessageOverTheLimitIsRejectedAsOversized() {
		MessageCodec big = MessageCodec.withKey(KEY);
		byte[] bytes = big.encode(request(Map.of(), Map.of(), List.of(new byte[4096])));
		MessageCodec small = new MessageCodec(new MessageSigner(KEY), 1024);

		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> small.decode(bytes))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.OVERSIZED));
	}

	@Test
	void encodingAMessageOverTheLimitFailsInsteadOfSendingIt() {
		MessageCodec small = new MessageCodec(new MessageSigner(KEY), 1024);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> small.encode(request(Map.of(), Map.of(), List.of(new byte[4096]))))
			.withMessageContaining("limit of 1024 bytes");
	}

	@Test
	void aTruncatedPayloadWithAValidSignatureIsRejectedAsMalformed() {
		byte[] bytes = this.codec.encode(request(Map.of("route", "mux"), Map.of("code", "1+1"),
				List.of(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));
		byte[] truncated = resign(Arrays.copyOf(bytes, bytes.length - 5));

		assertRejected(truncated, Reason.MALFORMED);
	}

	@Test
	void trailingBytesWithAValidSignatureAreRejectedAsMalformed() {
		byte[] bytes = this.codec.encode(request(Map.of(), Map.of(), List.of()));
		byte[] extended = resign(Arrays.copyOf(bytes, bytes.length + 3));

		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> this.codec.decode(extended))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED))
			.withMessageContaining("trailing bytes");
	}

	@Test
	void aKeyShorterThanSixteenBytesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageSigner(new byte[15]))
			.withMessageContaining("at least 16 bytes");
	}

	/** Signs the payload again with the cluster key, as a sender holding the key could. */
	private static byte[] resign(byte[] bytes) {
		byte[] signature = new MessageSigner(KEY).sign(bytes, PAYLOAD_OFFSET, bytes.length - PAYLOAD_OFFSET);
		System.arraycopy(signature, 0, bytes, 3, signature.length);
		return bytes;
	}

	private void assertRejected(byte[] bytes, Reason reason) {
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> this.codec.decode(bytes))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static Message request(Map<String, String> metadata, Map<String, String> content, List<byte[]> buffers) {
		return Message.request(Header.create(MessageType.EXECUTE_REQUEST, "session", "user"), metadata, content,
				buffers);
	}

}
