package io.jparallel.engine.bulk;

import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BulkTransfersTests {

	private final ClusterConnection cluster = new ClusterConnection(new ConnectionInfo("bulk-tests",
			"amqp://guest:guest@127.0.0.1:1", HexFormat.of().formatHex(new byte[32]), null, null), "bulk-tests", false);

	private final BulkTransfers bulk = new BulkTransfers(this.cluster);

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void aRequestWithoutReferencesIsLeftAsItIs() throws Exception {
		Message request = push(Map.of("names", "x"), ValueCodec.encode(1));

		assertThat(this.bulk.fetch(request).message()).isSameAs(request);
	}

	@Test
	void aValueOverTheMessageLimitIsRefusedBeforeConnectingAndCounted() {
		BulkReference reference = new BulkReference("127.0.0.1", 1, "t", Integer.MAX_VALUE + 1L, null);

		assertThatExceptionOfType(BulkTransferException.class).isThrownBy(() -> this.bulk.fetch(pushOf(reference)))
			.withMessageContaining("OVERSIZED")
			.withMessageContaining("at most " + this.cluster.codec().maxMessageBytes());
		assertThat(this.cluster.inbound().rejectedCounts()).containsEntry("oversized", 1L);
	}

	@Test
	void aClientThatCannotBeReachedIsAClearErrorNotARejection() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		BulkReference reference = new BulkReference("127.0.0.1", closedPort, "t", 10, null);

		assertThatExceptionOfType(BulkTransferException.class).isThrownBy(() -> this.bulk.fetch(pushOf(reference)))
			.satisfies(ex -> assertThat(ex.rejected()).isNull())
			.withMessageContaining("cannot fetch")
			.withMessageContaining("jparallel.bulk.threshold=0");
		assertThat(this.cluster.inbound().rejectedTotal()).isZero();
	}

	@Test
	void aReplyWithoutAnUploadOfferKeepsItsValues() {
		Message request = push(Map.of("names", "x"), ValueCodec.encode(1));
		Message reply = new Message(Header.create(MessageType.PULL_REPLY, "s", "u"), request.header(), Map.of(),
				Map.of(), List.of(new byte[2_000_000]));

		assertThat(this.bulk.offer(request, reply, Map.of()).buffers().get(0)).hasSize(2_000_000);
	}

	@Test
	void aLargeArrayIsKeptForUploadOnlyWhenOfferedAndIsEncodedIntoTheReplyWhenTheUploadFails() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		double[] large = new double[300_000];
		large[299_999] = 7.5;
		List<Object> values = java.util.Arrays.asList(large, "small", null);
		Message offered = new Message(Header.create(MessageType.PULL_REQUEST, "client-s", "u"), null,
				Map.of(MetadataKeys.BULK_UPLOAD, new BulkReference("127.0.0.1", closedPort, "t", 0, null).toString(),
						MetadataKeys.BULK_MIN, "1048576"),
				Map.of("names", "a,b,c"), List.of());
		Map<Integer, Object> arrays = new java.util.HashMap<>();

		List<byte[]> buffers = this.bulk.replyBuffers(offered, values, arrays);

		assertThat(arrays).containsOnlyKeys(0);
		assertThat(ValueCodec.isBulkPlaceholder(buffers.get(0))).isTrue();
		assertThat(ValueCodec.decode(buffers.get(1), null)).isEqualTo("small");
		Message reply = new Message(Header.create(MessageType.PULL_REPLY, "s", "u"), offered.header(), Map.of(),
				Map.of(), buffers);
		Message out = this.bulk.offer(offered, reply, arrays);
		assertThat(out.content(MetadataKeys.BULK)).isNull();
		assertThat((double[]) ValueCodec.decode(out.buffers().get(0), null)).isEqualTo(large);

		Map<Integer, Object> none = new java.util.HashMap<>();
		List<byte[]> notOffered = this.bulk.replyBuffers(push(Map.of("names", "a"), ValueCodec.encode(1)),
				values, none);
		assertThat(none).isEmpty();
		assertThat((double[]) ValueCodec.decode(notOffered.get(0), null)).isEqualTo(large);
	}

	@Test
	void aMalformedUploadOfferLeavesEveryValueInTheReply() throws Exception {
		double[] large = new double[300_000];
		large[299_999] = 3.5;
		Message offered = new Message(Header.create(MessageType.PULL_REQUEST, "client-s", "u"), null,
				Map.of(MetadataKeys.BULK_UPLOAD, "not a reference", MetadataKeys.BULK_MIN, "1048576"),
				Map.of("names", "a"), List.of());
		Map<Integer, Object> arrays = new java.util.HashMap<>();

		List<byte[]> buffers = this.bulk.replyBuffers(offered, List.of(large), arrays);
		Message reply = new Message(Header.create(MessageType.PULL_REPLY, "s", "u"), offered.header(), Map.of(),
				Map.of(), buffers);
		Message out = this.bulk.offer(offered, reply, arrays);

		assertThat(arrays).isEmpty();
		assertThat(out.content(MetadataKeys.BULK)).isNull();
		assertThat((double[]) ValueCodec.decode(out.buffers().get(0), null)).isEqualTo(large);
	}

	@Test
	void anArrayUploadedStraightFromTheArrayIsNeverEncodedWhole() throws Exception {
		double[] large = new double[4 << 20]; // 32 MiB
		large[large.length - 1] = 2.5;
		try (ServerSocket server = new ServerSocket(0)) {
			java.util.concurrent.CompletableFuture<BulkStream.Received> upload = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> acceptUpload(server));
			Message request = new Message(Header.create(MessageType.PULL_REQUEST, "client-s", "u"), null,
					Map.of(MetadataKeys.BULK_UPLOAD,
							new BulkReference("127.0.0.1", server.getLocalPort(), "offer", -1, null).toString(),
							MetadataKeys.BULK_MIN, "1048576"),
					Map.of("names", "a"), List.of());
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
				.getThreadMXBean();
			long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

			Map<Integer, Object> arrays = new java.util.HashMap<>();
			List<byte[]> buffers = this.bulk.replyBuffers(request, List.of(large), arrays);
			Message out = this.bulk.offer(request,
					new Message(Header.create(MessageType.PULL_REPLY, "s", "u"), request.header(), Map.of(), Map.of(),
							buffers),
					arrays);

			long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
			assertThat(allocated).as("bytes allocated to upload a 32 MiB array").isLessThan(8L << 20);
			assertThat(out.content(MetadataKeys.BULK)).startsWith("0=bulk://");
			assertThat((double[]) ValueCodec.decode(upload.get().bytes(), null)).isEqualTo(large);
		}
	}

	/** A client's bulk server that takes one upload, checks its digest and answers OK. */
	private BulkStream.Received acceptUpload(ServerSocket server) {
		try (java.net.Socket socket = server.accept()) {
			java.io.DataInputStream in = new java.io.DataInputStream(
					new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
			java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
			in.readFully(new byte[BulkStream.MAGIC.length + 1]);
			in.readUTF();
			String transfer = in.readUTF();
			long size = in.readLong();
			out.writeByte(BulkStream.OK);
			BulkStream.Received received = BulkStream.readSigned(in, this.cluster.codec().signer(), transfer, size);
			out.writeByte(BulkStream.OK);
			out.flush();
			return received;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Message pushOf(BulkReference reference) {
		return push(Map.of("names", "x", MetadataKeys.BULK, "0=" + reference),
				ValueCodec.bulkPlaceholder(reference.toString()));
	}

	private static Message push(Map<String, String> content, byte[] buffer) {
		return new Message(Header.create(MessageType.PUSH_REQUEST, "client-s", "u"), null, Map.of(), content,
				List.of(buffer));
	}

}
