package io.jparallel.hub.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.hub.heartbeat.EngineLoads;
import io.jparallel.hub.registration.HubContent;
import io.jparallel.hub.testing.HubTestProperties;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.topology.Topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The dashboard's data against a real broker, in its own cluster: a fake engine registers and beats with its
 * load, a task of it fails, and {@code /dashboard/snapshot} and the {@code /dashboard/events} stream show
 * them; the page and its events are open to anyone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardEventsIntegrationTests {

	private static final Path PROFILE_DIR = createTempDir();

	private static final ConnectionInfo CLUSTER = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			TestBroker.randomKey(), null, null);

	private static final Topology TOPOLOGY = CLUSTER.topology();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ENGINE_UUID = "dashboard-it-" + UUID.randomUUID();

	private static ClusterConnection test;

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry properties) {
		HubTestProperties.register(properties, PROFILE_DIR, CLUSTER);
	}

	@BeforeAll
	static void connectAsTheEngine() {
		test = new ClusterConnection(CLUSTER, "test-dashboard", false).declareExchanges();
	}

	@AfterAll
	static void disconnect() {
		test.close();
	}

	@Test
	void theSnapshotShowsTheEngineWithItsHeartbeatLoadAndTheTaskThatFailed() throws Exception {
		Message registered = call(MessageType.REGISTRATION_REQUEST,
				Map.of(HubContent.UUID, ENGINE_UUID, HubContent.HOSTNAME, "node-3", HubContent.PID, "4242"));
		int engineId = Integer.parseInt(registered.content(HubContent.ID));
		Message request = Message.request(Header.create(MessageType.EXECUTE_REQUEST, "dashboard-client", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, String.valueOf(engineId)),
				Map.of("code", "1 / 0;"), List.of());
		Map<String, String> content = new HashMap<>(
				Replies.errorContent("java.lang.ArithmeticException", "/ by zero", "at line 1"));
		content.put(MetadataKeys.STDOUT, "");
		content.put(MetadataKeys.STDERR, "");
		Message reply = Replies.reply(request, ENGINE_UUID, "engine",
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId), MetadataKeys.ENGINE_UUID, ENGINE_UUID,
						MetadataKeys.STARTED, Instant.now().toString(), MetadataKeys.COMPLETED,
						Instant.now().plusMillis(20).toString()),
				content, List.of());
		test.sender().send(TOPOLOGY.requestsExchange(), "dashboard-client", request);
		test.sender().send(TOPOLOGY.resultsExchange(), "dashboard-client", reply);

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			beat(3, 17);
			JsonNode snapshot = JSON.readTree(get("/dashboard/snapshot").body());
			assertThat(snapshot.get("clusterId").asString()).isEqualTo(CLUSTER.clusterId());
			JsonNode engine = engine(snapshot, ENGINE_UUID);
			assertThat(engine).as("the engine's row").isNotNull();
			assertThat(engine.get("id").asInt()).isEqualTo(engineId);
			assertThat(engine.get("hostname").asString()).isEqualTo("node-3");
			assertThat(engine.get("pid").asLong()).isEqualTo(4242);
			assertThat(engine.get("state").asString()).isEqualTo("registered");
			assertThat(engine.get("queued").asLong()).isEqualTo(3);
			assertThat(engine.get("handled").asLong()).isEqualTo(17);
			assertThat(engine.get("lastBeatAgeMillis").asLong()).isLessThan(5000);
			JsonNode failure = snapshot.get("failures").get(0);
			assertThat(failure).as("a failure").isNotNull();
			assertThat(failure.get("msgId").asString()).isEqualTo(request.header().msgId());
			assertThat(failure.get("engineId").asInt()).isEqualTo(engineId);
			assertThat(failure.get("ename").asString()).isEqualTo("java.lang.ArithmeticException");
			assertThat(failure.get("evalue").asString()).isEqualTo("/ by zero");
			assertThat(snapshot.get("totals").get("failed").asLong()).isEqualTo(1);
			assertThat(snapshot.get("seconds")).hasSize(TaskActivity.WINDOW_SECONDS);
		});
		Duration settled = Duration.ofSeconds(TaskActivity.SETTLE_SECONDS + 10);
		await().atMost(settled).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode seconds = JSON.readTree(get("/dashboard/snapshot").body()).get("seconds");
			long failed = 0;
			for (JsonNode second : seconds) {
				failed += second.get("failed").asLong();
			}
			assertThat(failed).as("the failure in its second, once settled").isEqualTo(1);
		});
	}

	@Test
	void thePageAndItsEventsAreOpenAndTheEventsAreSnapshots() throws Exception {
		HttpResponse<String> page = get("/dashboard");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("dashboard/dashboard.js").contains("id=\"engine-rows\"");
		assertThat(get("/dashboard/dashboard.js").statusCode()).isEqualTo(200);
		assertThat(get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);

		HttpResponse<InputStream> events = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/dashboard/events"))
					.header("Accept", "text/event-stream")
					.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(events.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
		List<String> snapshots = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readSnapshots(events.body(), 2));
		assertThat(snapshots).hasSize(2).allSatisfy(data -> {
			JsonNode snapshot = JSON.readTree(data);
			assertThat(snapshot.get("clusterId").asString()).isEqualTo(CLUSTER.clusterId());
			assertThat(snapshot.get("seconds")).hasSize(TaskActivity.WINDOW_SECONDS);
		});
	}

	/** The data of the first {@code count} {@code snapshot} events, then the stream is closed. */
	private static List<String> readSnapshots(InputStream stream, int count) throws IOException {
		List<String> snapshots = new java.util.ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String event = null;
			String line;
			while (snapshots.size() < count && (line = reader.readLine()) != null) {
				if (line.startsWith("event:")) {
					event = line.substring("event:".length()).strip();
				}
				else if (line.startsWith("data:") && "snapshot".equals(event)) {
					snapshots.add(line.substring("data:".length()));
				}
			}
		}
		return snapshots;
	}

	private static void beat(int queued, int handled) {
		Message beat = Message.request(Header.create(MessageType.HEARTBEAT, ENGINE_UUID, "engine"), Map.of(),
				Map.of(HubContent.UUID, ENGINE_UUID, EngineLoads.QUEUED, String.valueOf(queued), EngineLoads.HANDLED,
						String.valueOf(handled)),
				List.of());
		test.sender().send(TOPOLOGY.heartbeatExchange(), "", beat);
	}

	private static JsonNode engine(JsonNode snapshot, String uuid) {
		for (JsonNode engine : snapshot.get("engines")) {
			if (uuid.equals(engine.get("uuid").asString())) {
				return engine;
			}
		}
		return null;
	}

	private static Message call(String msgType, Map<String, String> content) {
		Message request = Message.request(Header.create(msgType, "test-engine", "engine"), Map.of(), content, List.of());
		byte[] reply = test.sender().sendAndReceive("", TOPOLOGY.hubQueue(), request);
		assertThat(reply).as("reply to %s", msgType).isNotNull();
		return test.inbound().accept(reply, "reply");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-dashboard-it-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
