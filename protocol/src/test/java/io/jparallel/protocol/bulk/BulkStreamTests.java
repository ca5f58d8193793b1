package io.jparallel.protocol.bulk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.value.ArrayStreamEncoder;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;
import io.jparallel.protocol.wire.MessageSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BulkStreamTests {

	private final MessageSigner signer = new MessageSigner("0123456789abcdef0123456789abcdef".getBytes());

	private final byte[] value = new byte[3 * BulkStream.SLICE + 17];

	BulkStreamTests() {
		new Random(11).nextBytes(this.value);
	}

	@Test
	void signedBytesAreReadBackWithTheirDigest() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] sent = BulkStream.writeSigned(out, this.signer, "t1", this.value);

		BulkStream.Received received = BulkStream.readSigned(new ByteArrayInputStream(out.toByteArray()), this.signer,
				"t1", this.value.length);

		assertThat(received.bytes()).isEqualTo(this.value);
		assertThat(received.hmac()).isEqualTo(sent).isEqualTo(BulkDigest.of(this.signer, "t1", this.value));
	}

	@Test
	void changedBytesAreRejectedAsBadlySigned() throws Exception {
		byte[] stream = signed("t1");
		stream[100] ^= 1;

		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> BulkStream.readSigned(new ByteArrayInputStream(stream), this.signer, "t1",
					this.value.length))
			.satisfies(ex -> assertThat(ex.rejected()).isEqualTo(Reason.BAD_SIGNATURE))
			.withMessageContaining("does not match");
	}

	@Test
	void bytesSignedForAnotherTokenOrKeyAreRejected() throws Exception {
		byte[] stream = signed("other");
		MessageSigner wrongKey = new MessageSigner("fedcba9876543210fedcba9876543210".getBytes());

		assertThatExceptionOfType(BulkTransferException.class).isThrownBy(() -> BulkStream
			.readSigned(new ByteArrayInputStream(stream), this.signer, "t1", this.value.length));
		assertThatExceptionOfType(BulkTransferException.class).isThrownBy(() -> BulkStream
			.readSigned(new ByteArrayInputStream(signed("t1")), wrongKey, "t1", this.value.length));
	}

	@Test
	void bytesWithoutTheirDigestAreRejectedAsUnsigned() {
		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> BulkStream.readSigned(new ByteArrayInputStream(this.value), this.signer, "t1",
					this.value.length))
			.satisfies(ex -> assertThat(ex.rejected()).isEqualTo(Reason.BAD_SIGNATURE))
			.withMessageContaining("unsigned");
	}

	@Test
	void aTruncatedTransferIsRejectedAsMalformed() throws Exception {
		byte[] stream = Arrays.copyOf(signed("t1"), 1000);

		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> BulkStream.readSigned(new ByteArrayInputStream(stream), this.signer, "t1",
					this.value.length))
			.satisfies(ex -> assertThat(ex.rejected()).isEqualTo(Reason.MALFORMED))
			.withMessageContaining("ended after 1000 of " + this.value.length);
	}

	@Test
	void aPrimitiveArrayIsDecodedAsItArrivesInPiecesThatSplitItsElements() throws Exception {
		double[] doubles = new Random(3).doubles(BulkStream.SLICE / 8 * 2 + 5).toArray();
		byte[] encoded = ValueCodec.encode(doubles);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] sent = BulkStream.writeSigned(out, this.signer, "t1", encoded);

		BulkStream.Received received = BulkStream.readSignedValue(new OddReads(out.toByteArray()), this.signer, "t1",
				encoded.length);

		assertThat(received.bytes()).isNull();
		assertThat(received.value()).isInstanceOf(double[].class).isEqualTo(doubles);
		assertThat(received.size()).isEqualTo(encoded.length);
		assertThat(received.hmac()).isEqualTo(sent);
	}

	@Test
	void aValueThatIsNotAPrimitiveArrayIsReadAsBytes() throws Exception {
		byte[] encoded = ValueCodec.encode("not an array");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BulkStream.writeSigned(out, this.signer, "t1", encoded);

		BulkStream.Received received = BulkStream.readSignedValue(new ByteArrayInputStream(out.toByteArray()),
				this.signer, "t1", encoded.length);

		assertThat(received.value()).isNull();
		assertThat(received.bytes()).isEqualTo(encoded);
	}

	@Test
	void aChangedArrayIsRejectedAsBadlySignedAndNotReturned() throws Exception {
		byte[] encoded = ValueCodec.encode(new long[BulkStream.SLICE / 4]);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BulkStream.writeSigned(out, this.signer, "t1", encoded);
		byte[] stream = out.toByteArray();
		stream[BulkStream.SLICE + 3] ^= 1;

		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> BulkStream.readSignedValue(new ByteArrayInputStream(stream), this.signer, "t1",
					encoded.length))
			.satisfies(ex -> assertThat(ex.rejected()).isEqualTo(Reason.BAD_SIGNATURE));
		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> BulkStream.readSignedValue(new ByteArrayInputStream(Arrays.copyOf(stream, 4096)),
					this.signer, "t1", encoded.length))
			.satisfies(ex -> assertThat(ex.rejected()).isEqualTo(Reason.MALFORMED));
	}

	@Test
	void anArrayWrittenPieceByPieceIsTheSameStreamAsItsEncodingWritten() throws Exception {
		List<Object> arrays = List.of(new Random(5).doubles(BulkStream.SLICE / 8 + 3).toArray(),
				new Random(6).ints(BulkStream.SLICE / 4 * 2 + 1).toArray(), new char[] { 'x' }, new long[0]);
		for (Object array : arrays) {
			ByteArrayOutputStream whole = new ByteArrayOutputStream();
			BulkStream.writeSigned(whole, this.signer, "t1", ValueCodec.encode(array));
			ByteArrayOutputStream pieces = new ByteArrayOutputStream();
			ArrayStreamEncoder encoder = ValueCodec.arrayEncoder(array);

			BulkStream.writeSigned(pieces, this.signer, "t1", encoder);

			assertThat(encoder.size()).isEqualTo(ValueCodec.encode(array).length);
			assertThat(pieces.toByteArray()).as(array.getClass().getSimpleName()).isEqualTo(whole.toByteArray());
		}
		assertThat(ValueCodec.arrayEncoder("text")).isNull();
		assertThat(ValueCodec.arrayEncoder(new boolean[1])).isNull();
	}

	/** A stream that hands out at most 1,000,003 bytes a read, so reads end in the middle of elements. */
	private static final class OddReads extends ByteArrayInputStream {

		OddReads(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) {
			return super.read(b, off, Math.min(len, 1_000_003));
		}

	}

	private byte[] signed(String token) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BulkStream.writeSigned(out, this.signer, token, this.value);
		return out.toByteArray();
	}

}
