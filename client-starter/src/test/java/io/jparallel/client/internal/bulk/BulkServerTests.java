package io.jparallel.client.internal.bulk;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.protocol.amqp.InboundMessages;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.MessageCodec;
import io.jparallel.protocol.wire.MessageSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client's bulk server, driven over real sockets the way an engine drives it. */
class BulkServerTests {

	private final MessageSigner signer = new MessageSigner("0123456789abcdef0123456789abcdef".getBytes());

	private final InboundMessages inbound = new InboundMessages(new MessageCodec(this.signer), false);

	private final BulkServer server = new BulkServer(this.signer,
			new BulkSettings(1024, null, null, 0, Duration.ofSeconds(5), Duration.ofSeconds(60)), 10_000, "localhost",
			this.inbound);

	private final byte[] value = new byte[5000];

	BulkServerTests() {
		new Random(3).nextBytes(this.value);
		// not the tag of an encoded primitive array: these bytes are taken back as bytes
		this.value[0] = 0;
	}

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void anEngineFetchesAServedValueWithItsDigestOnTheLoopbackAddress() throws Exception {
		BulkReference reference = this.server.serve(this.value);

		assertThat(reference.host()).isEqualTo("127.0.0.1");
		try (Socket socket = new Socket(reference.host(), reference.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			BulkStream.open(out, BulkStream.GET, reference.token());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			BulkStream.expectOk(in, "get");
			assertThat(in.readLong()).isEqualTo(this.value.length);
			assertThat(BulkStream.readSigned(in, this.signer, reference.token(), this.value.length).bytes())
				.isEqualTo(this.value);
		}
	}

	@Test
	void expiredValuesAndUploadsAreRefusedAtOnceAndDroppedByALaterCall() throws Exception {
		try (BulkServer shortLived = new BulkServer(this.signer,
				new BulkSettings(1024, null, null, 0, Duration.ofSeconds(5), Duration.ofMillis(200)), 10_000,
				"localhost", this.inbound)) {
			BulkReference served = shortLived.serve(this.value);
			BulkReference offer = shortLived.offerUpload();
			byte[] hmac = upload(offer, "transfer-0123456789", this.value);
			assertThat(shortLived.open()).isEqualTo(2);
			Thread.sleep(300);

			try (Socket socket = new Socket(served.host(), served.port())) {
				BulkStream.open(new DataOutputStream(socket.getOutputStream()), BulkStream.GET, served.token());
				assertThatExceptionOfType(BulkTransferException.class)
					.isThrownBy(() -> BulkStream.expectOk(new DataInputStream(socket.getInputStream()), "get"))
					.withMessageContaining("expired after");
			}
			assertThat(shortLived.offerUpload()).as("the client's offer stands").isEqualTo(offer);
			byte[] again = upload(offer, "transfer-9876543210", this.value);
			assertThat(shortLived.open()).as("the first upload, never taken, dropped").isOne();
			assertThatExceptionOfType(BulkTransferException.class)
				.isThrownBy(() -> shortLived.take(offer.of("transfer-0123456789", this.value.length, hmac)))
				.withMessageContaining("did not arrive");
			assertThat(shortLived.take(offer.of("transfer-9876543210", this.value.length, again)).bytes())
				.isEqualTo(this.value);
		}
	}

	@Test
	void anUploadUnderAnotherTokenIsRefusedAndADiscardedOneIsGone() throws Exception {
		BulkReference offer = this.server.offerUpload();
		BulkReference stranger = new BulkReference(offer.host(), offer.port(), "not-the-offer", -1, null);

		try (Socket socket = new Socket(offer.host(), offer.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			BulkStream.open(out, BulkStream.PUT, stranger.token());
			out.writeUTF("transfer-0123456789");
			out.writeLong(this.value.length);
			assertThatExceptionOfType(BulkTransferException.class)
				.isThrownBy(() -> BulkStream.expectOk(new DataInputStream(socket.getInputStream()), "put"))
				.withMessageContaining("no upload is expected under token not-the-offer");
		}
		byte[] hmac = upload(offer, "transfer-0123456789", this.value);
		assertThat(this.server.open()).isOne();
		this.server.discard("transfer-0123456789");
		assertThat(this.server.open()).isZero();
		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> this.server.take(offer.of("transfer-0123456789", this.value.length, hmac)))
			.withMessageContaining("did not arrive");
	}

	@Test
	void aReleasedOrUnknownTokenIsRefusedWithTheReason() throws Exception {
		BulkReference reference = this.server.serve(this.value);
		this.server.release(reference.token());

		try (Socket socket = new Socket(reference.host(), reference.port())) {
			BulkStream.open(new DataOutputStream(socket.getOutputStream()), BulkStream.GET, reference.token());
			assertThatExceptionOfType(BulkTransferException.class)
				.isThrownBy(() -> BulkStream.expectOk(new DataInputStream(socket.getInputStream()), "get"))
				.withMessageContaining("no value is served under token " + reference.token());
		}
	}

	@Test
	void anUploadIsTakenOnlyWithTheSizeAndDigestTheReplyNames() throws Exception {
		BulkReference offer = this.server.offerUpload();
		String transfer = "transfer-0123456789";

		byte[] hmac = upload(offer, transfer, this.value);

		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> this.server.take(offer.of(transfer, this.value.length, new byte[32])))
			.withMessageContaining("is not the one the engine's reply names");
		upload(offer, transfer, this.value);
		assertThat(this.server.take(offer.of(transfer, this.value.length, hmac)).bytes()).isEqualTo(this.value);
		assertThatExceptionOfType(BulkTransferException.class)
			.isThrownBy(() -> this.server.take(offer.of(transfer, this.value.length, hmac)))
			.withMessageContaining("did not arrive");
	}

	@Test
	void aServedArrayIsFetchedAsTheBytesAndDigestOfItsEncoding() throws Exception {
		double[] array = new Random(5).doubles(1000).toArray();
		byte[] encoded = ValueCodec.encode(array);
		BulkReference reference = this.server.serveArray(array);

		assertThat(reference.size()).isEqualTo(encoded.length);
		try (Socket socket = new Socket(reference.host(), reference.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			BulkStream.open(out, BulkStream.GET, reference.token());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			BulkStream.expectOk(in, "get");
			assertThat(in.readLong()).isEqualTo(encoded.length);
			BulkStream.Received received = BulkStream.readSigned(in, this.signer, reference.token(), encoded.length);
			assertThat(received.bytes()).isEqualTo(encoded);
			assertThat(received.hmac()).isEqualTo(BulkStream.writeSigned(OutputStream.nullOutputStream(), this.signer,
					reference.token(), encoded));
		}
	}

	@Test
	void anUploadedArrayIsTakenDecodedAsItArrived() throws Exception {
		long[] array = new Random(7).longs(1000).toArray();
		byte[] encoded = ValueCodec.encode(array);
		BulkReference offer = this.server.offerUpload();
		String transfer = "transfer-0123456789";

		byte[] hmac = upload(offer, transfer, encoded);

		BulkStream.Received taken = this.server.take(offer.of(transfer, encoded.length, hmac));
		assertThat(taken.bytes()).isNull();
		assertThat(taken.size()).isEqualTo(encoded.length);
		assertThat(taken.value()).isEqualTo(array);
	}

	@Test
	void anUploadOverTheLimitIsRefusedBeforeItsBytesAndCounted() throws Exception {
		BulkReference offer = this.server.offerUpload();

		try (Socket socket = new Socket(offer.host(), offer.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			BulkStream.open(out, BulkStream.PUT, offer.token());
			out.writeUTF("transfer-0123456789");
			out.writeLong(20_000);
			assertThatExceptionOfType(BulkTransferException.class)
				.isThrownBy(() -> BulkStream.expectOk(new DataInputStream(socket.getInputStream()), "put"))
				.withMessageContaining("OVERSIZED");
		}
		assertThat(this.inbound.rejectedCounts()).containsEntry("oversized", 1L);
	}

	private byte[] upload(BulkReference offer, String transfer, byte[] bytes) throws Exception {
		try (Socket socket = new Socket(offer.host(), offer.port())) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			BulkStream.open(out, BulkStream.PUT, offer.token());
			out.writeUTF(transfer);
			out.writeLong(bytes.length);
			out.flush();
			BulkStream.expectOk(in, "put");
			byte[] hmac = BulkStream.writeSigned(out, this.signer, transfer, bytes);
			BulkStream.expectOk(in, "bytes");
			return hmac;
		}
	}

}
