package io.jparallel.launcher.e2e;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.EngineView;
import io.jparallel.client.internal.RequestDispatcher;
import io.jparallel.client.internal.Submission;
import io.jparallel.client.internal.bulk.BulkSettings;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.bulk.BulkDigest;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.MessageSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, push/pull: a 100 MiB {@code double[]} pushed to and pulled from an engine of a real cluster
 * ({@code jpcluster start -n 1}) takes the bulk data path and comes back exactly, a small value still goes
 * through the broker, and the hub records the big one's reference, not its bytes. Bulk transfers that are
 * tampered with, oversized or unsigned (served by a rogue server of the test's own, named in requests signed
 * with the cluster key) are answered with a clear error, counted on the engine's {@code /actuator/jparallel},
 * and the engine goes on serving.
 */
@TestInstance(Lifecycle.PER_CLASS)
class BulkPathIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(1).build();

	@Test
	void aHundredMegabyteArrayAndASmallValueRoundTripExactlyAndTheHubRecordsOnlyTheReference() {
		double[] big = new double[100 * 1024 * 1024 / 8];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < big.length; i++) {
			big[i] = random.nextDouble();
		}
		EngineView e0 = CLUSTER.client().get(0);

		var push = e0.push(Map.of("big", big, "small", 42));
		push.get();
		var pull = e0.<double[]>pull("big");
		double[] pulled = pull.get();
		int small = e0.<Integer>pull("small").get();

		assertThat(Arrays.equals(pulled, big)).as("the pulled array equals the pushed one").isTrue();
		assertThat(small).isEqualTo(42);
		Fn1<double[], Double> last = a -> a[a.length - 1];
		assertThat(e0.applySync(last, big)).as("a large argument takes the bulk path too").isEqualTo(big[big.length - 1]);
		String pushId = push.msgIds().get(0);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Map<String, Object>> records = CLUSTER.client().dbQuery("{\"msg_id\": \"" + pushId + "\"}", "content",
					"resultContent", "status");
			assertThat(records).hasSize(1);
			assertThat(String.valueOf(records.get(0).get("content"))).contains("bulk://")
				.contains("size=" + (big.length * 8L + 1));
			assertThat(String.valueOf(records.get(0).get("resultContent"))).contains(MetadataKeys.BULK_RECEIVED);
			List<Map<String, Object>> pulls = CLUSTER.client().dbQuery(
					"{\"msg_id\": \"" + pull.msgIds().get(0) + "\"}", "resultContent");
			assertThat(pulls).hasSize(1);
			assertThat(String.valueOf(pulls.get(0).get("resultContent"))).as("the engine uploaded the pulled array")
				.contains("bulk://")
				.contains("size=" + (big.length * 8L + 1));
		});
	}

	@Test
	void tamperedOversizedAndUnsignedBulkTransfersAreRejectedCountedAndTheEngineServesOn() throws Exception {
		ConnectionInfo info = CLUSTER.process().connectionInfo();
		String engine = engineActuator(info);
		Map<String, Long> before = rejected(engine);
		MessageSigner signer = new MessageSigner(info.keyBytes());
		byte[] value = ValueCodec.encode(new double[] { 1, 2, 3 });
		try (ClusterConnection connection = new ClusterConnection(info, "bulk-rogue", false);
				RequestDispatcher rogue = new RequestDispatcher(connection, "client-rogue-" + System.nanoTime(),
						"no-class-queue", new BulkSettings(0, null, null, 0, Duration.ofSeconds(5),
								Duration.ofSeconds(60)))) {
			// the bytes changed in flight: the digest after them was made for other bytes
			Message tampered = pushThroughRogue(rogue, value.length, (out, token) -> {
				byte[] other = value.clone();
				other[5] ^= 1;
				out.writeLong(value.length);
				out.write(other);
				out.write(BulkDigest.of(signer, token, value));
			});
			assertThat(tampered.content(MetadataKeys.ENAME)).isEqualTo("io.jparallel.BulkTransferError");
			assertThat(tampered.content(MetadataKeys.EVALUE)).contains("BAD_SIGNATURE").contains("does not match");

			// no digest at all after the bytes
			Message unsigned = pushThroughRogue(rogue, value.length, (out, token) -> {
				out.writeLong(value.length);
				out.write(value);
			});
			assertThat(unsigned.content(MetadataKeys.EVALUE)).contains("unsigned");

			// more bytes than the signed request names
			Message longer = pushThroughRogue(rogue, value.length, (out, token) -> {
				out.writeLong(value.length + 1000L);
				out.write(new byte[value.length + 1000]);
			});
			assertThat(longer.content(MetadataKeys.EVALUE)).contains("OVERSIZED").contains("sends " + (value.length + 1000));

			// a size over the engine's limit is refused before anything is fetched
			Message oversized = pushThroughRogue(rogue, Integer.MAX_VALUE + 1L, (out, token) -> {
				throw new AssertionError("the engine must not fetch an oversized value");
			});
			assertThat(oversized.content(MetadataKeys.EVALUE)).contains("OVERSIZED").contains("at most");
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Long> after = rejected(engine);
			assertThat(after.get("bad_signature") - before.get("bad_signature")).isEqualTo(2);
			assertThat(after.get("oversized") - before.get("oversized")).isEqualTo(2);
		});
		EngineView e0 = CLUSTER.client().get(0);
		e0.push(Map.of("after", 7)).get();
		assertThat(e0.<Integer>pull("after").get()).isEqualTo(7);
	}

	/** The rogue's stream writer: given the output after the {@code OK}, and the token. */
	@FunctionalInterface
	private interface Served {

		void write(DataOutputStream out, String token) throws IOException;

	}

	/**
	 * A signed push request naming a value on a server of this test, which answers the engine's fetch with
	 * {@code OK} and whatever {@code served} writes; the engine's reply.
	 */
	private Message pushThroughRogue(RequestDispatcher rogue, long size, Served served) throws Exception {
		String token = "rogue" + System.nanoTime();
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			server.setSoTimeout(30_000);
			Thread serving = new Thread(() -> {
				try (Socket socket = server.accept()) {
					DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
					in.readFully(new byte[BulkStream.MAGIC.length]);
					in.read();
					in.readUTF();
					DataOutputStream out = new DataOutputStream(socket.getOutputStream());
					out.writeByte(BulkStream.OK);
					served.write(out, token);
					out.flush();
				}
				catch (IOException | AssertionError ex) {
					// the engine gave up on the connection, or never came (oversized)
				}
			}, "rogue-bulk-server");
			serving.setDaemon(true);
			serving.start();
			BulkReference reference = new BulkReference("127.0.0.1", server.getLocalPort(), token, size, null);
			Submission submission = rogue
				.send(MessageType.PUSH_REQUEST, MetadataKeys.ROUTE_MUX, List.of(0),
						Map.of("names", "rogue", MetadataKeys.BULK, "0=" + reference),
						List.of(ValueCodec.bulkPlaceholder(reference.toString())), Map.of())
				.get(0);
			Message reply = submission.reply().get(60, TimeUnit.SECONDS);
			assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
			return reply;
		}
	}

	private Map<String, Long> rejected(String engine) throws Exception {
		JsonNode status = JSON.readTree(get(engine + "/actuator/jparallel"));
		Map<String, Long> counts = new java.util.TreeMap<>();
		status.path("rejected").properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
		assertThat(counts).containsKeys("bad_signature", "oversized");
		return counts;
	}

	/** Engine 0's actuator base URL, from Eureka. */
	private String engineActuator(ConnectionInfo info) {
		String[] url = new String[1];
		// the registry starts in the background (niced): it may not listen yet when the cluster is usable
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			JsonNode instances = JSON.readTree(get(info.registryUrl() + "apps/ENGINE-SERVICE"))
				.path("application")
				.path("instance");
			JsonNode engine = instances.isArray() ? instances.get(0) : instances;
			assertThat(engine.path("port").path("$").asInt()).isPositive();
			url[0] = "http://127.0.0.1:" + engine.get("port").get("$").asInt();
		});
		return url[0];
	}

	private String get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
		return response.body();
	}

}
