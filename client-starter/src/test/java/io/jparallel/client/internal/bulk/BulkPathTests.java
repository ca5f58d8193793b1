package io.jparallel.client.internal.bulk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the bulk path makes of a client's requests on their way out (no broker: nothing is sent). */
class BulkPathTests {

	private static final int THRESHOLD = 1024;

	private final ClusterConnection cluster = new ClusterConnection(new ConnectionInfo("tbulkpath",
			"amqp://user:password@127.0.0.1:5672", "0123456789abcdef0123456789abcdef", null, null), "bulk-path-tests",
			false);

	private final BulkPath path = new BulkPath(this.cluster, new BulkSettings(THRESHOLD, null, null, 0,
			Duration.ofSeconds(5), Duration.ofSeconds(60)));

	@AfterEach
	void close() {
		this.path.close();
		this.cluster.close();
	}

	@Test
	void aRequestWithOnlySmallBuffersWhoseReplyCarriesNoValuesGoesOutAsItIs() {
		Message push = request(MessageType.PUSH_REQUEST, new byte[THRESHOLD - 1], new byte[10]);

		assertThat(this.path.outgoing(push, 1)).isSameAs(push);
		assertThat(this.path.open()).isZero();
	}

	@Test
	void aRequestWithOnlySmallBuffersWhoseReplyCarriesValuesGetsOnlyTheClientsUploadOffer() {
		Message apply = request(MessageType.APPLY_REQUEST, new byte[10]);
		Message another = request(MessageType.PULL_REQUEST);

		Message out = this.path.outgoing(apply, 1);

		assertThat(out.buffers()).isSameAs(apply.buffers());
		assertThat(out.content(MetadataKeys.BULK)).isNull();
		assertThat(out.metadata(MetadataKeys.BULK_UPLOAD)).startsWith("bulk://");
		assertThat(out.metadata(MetadataKeys.BULK_MIN)).isEqualTo(String.valueOf(THRESHOLD));
		assertThat(this.path.outgoing(another, 1).metadata(MetadataKeys.BULK_UPLOAD))
			.isEqualTo(out.metadata(MetadataKeys.BULK_UPLOAD));
		assertThat(this.path.open()).as("nothing is held for an offer").isZero();
	}

	@Test
	void aLargeBufferGoesOutAsAReferenceUntilTheRequestIsAnswered() {
		Message push = request(MessageType.PUSH_REQUEST, new byte[10], new byte[THRESHOLD]);

		Message out = this.path.outgoing(push, 2);

		assertThat(out.buffers().get(0)).isSameAs(push.buffers().get(0));
		assertThat(out.buffers().get(1)).hasSizeLessThan(THRESHOLD);
		assertThat(out.content(MetadataKeys.BULK)).startsWith("1=bulk://");
		assertThat(out.metadata(MetadataKeys.BULK_UPLOAD)).isNull();
		this.path.answered(push.header().msgId(), false);
		assertThat(this.path.open()).isOne();
		this.path.answered(push.header().msgId(), false);
		assertThat(this.path.open()).isZero();
	}

	@Test
	void aLargePrimitiveArrayIsServedUnencodedAndOnlyTheBulkPathResolvesItsMarker() {
		double[] large = new double[THRESHOLD];
		byte[] marker = this.path.encode(large);

		assertThat(marker).hasSizeLessThan(100);
		assertThat(this.path.encode(new double[10])).isEqualTo(ValueCodec.encode(new double[10]));
		assertThat(this.path.encode("text")).isEqualTo(ValueCodec.encode("text"));
		Message out = this.path.outgoing(request(MessageType.PUSH_REQUEST, marker), 1);
		assertThat(out.content(MetadataKeys.BULK)).startsWith("0=bulk://")
			.contains("size=" + ValueCodec.encode(large).length);
		assertThat(this.path.open()).isOne();
		// anywhere but this client's bulk path, a marker is an unresolved bulk value, never a wrong one
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> ValueCodec.decode(marker, getClass().getClassLoader()));
	}

	@Test
	void aBufferThatIsNotAMarkerIsDecodedAsItIs() throws Exception {
		byte[] encoded = ValueCodec.encode(new int[] { 1, 2, 3 });

		assertThat(this.path.decode(encoded, getClass().getClassLoader())).isEqualTo(new int[] { 1, 2, 3 });
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(
				() -> this.path.decode(ValueCodec.bulkPlaceholder("streamed-on-client"), getClass().getClassLoader()));
	}

	private static Message request(String type, byte[]... buffers) {
		return Message.request(Header.create(type, "session", "user"), Map.of(), Map.of(), List.of(buffers));
	}

}
