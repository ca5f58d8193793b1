package io.jparallel.hub.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.jparallel.hub.registration.HubContent;
import io.jparallel.hub.testing.HubTestProperties;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.topology.Topology;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub's admin against a real broker, in its own cluster: a fake engine (its mux and control queues
 * declared by the test) is registered, then admins read and write through {@code /actuator/jparallel}.
 * The admin password is generated, as when none is configured; the test reads it from its file. The
 * exposure of the actuator endpoints comes from {@code config-repo/hub-admin.yml}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.import=optional:file:../config-repo/hub-admin.yml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubAdminIntegrationTests {

	private static final Path PROFILE_DIR = createTempDir();

	private static final ConnectionInfo CLUSTER = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			TestBroker.randomKey(), null, null);

	private static final Topology TOPOLOGY = CLUSTER.topology();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ENGINE_UUID = "admin-it-" + UUID.randomUUID();

	private static ClusterConnection test;

	private static String engineId;

	@Autowired
	private TaskMetrics taskMetrics;

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry properties) {
		HubTestProperties.register(properties, PROFILE_DIR, CLUSTER);
	}

	@BeforeAll
	static void connectAsTheEngine() {
		test = new ClusterConnection(CLUSTER, "test-admin", false).declareExchanges();
		test.admin().declareQueue(new Queue(TOPOLOGY.engineMuxQueue(ENGINE_UUID), false, false, true));
		test.admin()
			.declareBinding(new Binding(TOPOLOGY.engineMuxQueue(ENGINE_UUID), DestinationType.QUEUE,
					TOPOLOGY.muxExchange(), ENGINE_UUID, null));
		test.admin().declareQueue(new Queue(TOPOLOGY.engineControlQueue(ENGINE_UUID), false, false, true));
		test.admin()
			.declareBinding(new Binding(TOPOLOGY.engineControlQueue(ENGINE_UUID), DestinationType.QUEUE,
					TOPOLOGY.controlExchange(), ENGINE_UUID, null));
	}

	@AfterAll
	static void disconnect() {
		test.close();
	}

	@Test
	@Order(1)
	void theEndpointListsEnginesWithTheirQueueDepthsTasksByStatusAndTheScheduler() {
		Message reply = call(MessageType.REGISTRATION_REQUEST,
				Map.of(HubContent.UUID, ENGINE_UUID, HubContent.HOSTNAME, "node-7"));
		engineId = reply.content(HubContent.ID);
		for (int i = 0; i < 3; i++) {
			test.template().send(TOPOLOGY.muxExchange(), ENGINE_UUID, new org.springframework.amqp.core.Message(
					("work " + i).getBytes(StandardCharsets.UTF_8), new MessageProperties()));
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> status = getJsonObject("/actuator/jparallel");
			assertThat(engines(status)).filteredOn(engine -> ENGINE_UUID.equals(engine.get("uuid")))
				.singleElement()
				.satisfies(engine -> {
					assertThat(engine).containsEntry("id", Integer.parseInt(engineId))
						.containsEntry("hostname", "node-7")
						.containsEntry("state", "REGISTERED")
						.containsEntry("queues", Map.of("mux", 3, "control", 0))
						.containsKeys("lastHeartbeat", "properties");
				});
			assertThat(status).containsKeys("tasks", "enginesByState", "audit", "hubQueue");
			assertThat(status).extractingByKey("scheduler")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsKeys("requestsQueued", "noticesQueued", "sharedTasksQueued");
		});
		test.admin().purgeQueue(TOPOLOGY.engineMuxQueue(ENGINE_UUID), false);
	}

	@Test
	@Order(2)
	void writesWithoutTheAdminPasswordAreRefusedAndDoNothing() {
		assertThat(post("/actuator/jparallel/shutdown", "{\"engines\":\"all\"}", null).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/actuator/jparallel/shutdown", "{\"engines\":\"all\"}", "wrong").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/actuator/jparallel/clear", "{\"engines\":\"all\"}", "wrong").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> depth(TOPOLOGY.engineControlQueue(ENGINE_UUID)) == 0
					&& depth(TOPOLOGY.engineMuxQueue(ENGINE_UUID)) == 0);
	}

	@Test
	@Order(3)
	void theGeneratedPasswordIsInTheProfileReadableByTheOwnerOnly() throws IOException {
		Path file = PROFILE_DIR.resolve("security").resolve(AdminPassword.FILE_NAME);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).isNotBlank();
	}

	@Test
	@Order(4)
	void shutdownSendsASignedShutdownRequestToTheEnginesControlQueue() {
		ResponseEntity<String> response = post("/actuator/jparallel/shutdown", "{\"engines\":\"" + engineId + ",99\"}",
				password());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> outcome = JSON.readValue(response.getBody(), new TypeReference<Map<String, Object>>() {
		});
		assertThat(outcome).containsEntry("notRegistered", List.of(99));
		Message request = receive(TOPOLOGY.engineControlQueue(ENGINE_UUID));
		assertThat(request.msgType()).isEqualTo(MessageType.SHUTDOWN_REQUEST);
		assertThat(request.metadata(MetadataKeys.TARGET)).isEqualTo(engineId);
		assertThat(request.header().session()).startsWith("hub-admin-");
		assertThat(request.header().username()).isEqualTo(AdminPassword.USERNAME);
		assertThat(outcome).extractingByKey("sent")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("msgId", request.header().msgId())
			.containsEntry("route", "control")
			.containsEntry("engineId", Integer.parseInt(engineId));
	}

	@Test
	@Order(5)
	void clearSendsAClearRequestToEveryEnginesMuxQueue() {
		assertThat(post("/actuator/jparallel/clear", "{\"engines\":\"all\"}", password()).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		Message request = receive(TOPOLOGY.engineMuxQueue(ENGINE_UUID));
		assertThat(request.msgType()).isEqualTo(MessageType.CLEAR_REQUEST);
		assertThat(request.metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_MUX);
	}

	@Test
	@Order(6)
	void abortSendsDirectIdsToTheirEngineAndLoadBalancedOnesToTheScheduler() {
		Queue schedulerCapture = test.admin().declareQueue();
		test.admin()
			.declareBinding(new Binding(schedulerCapture.getName(), DestinationType.QUEUE, TOPOLOGY.requestsExchange(),
					"#", null));
		String direct = submit(Map.of(MetadataKeys.TARGETS, engineId, MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX));
		String loadBalanced = submit(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK));
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptionsInstanceOf(HttpClientErrorException.NotFound.class)
			.untilAsserted(() -> {
				assertThat(getJsonObject("/tasks/" + direct)).isNotEmpty();
				assertThat(getJsonObject("/tasks/" + loadBalanced)).isNotEmpty();
			});

		ResponseEntity<String> response = post("/actuator/jparallel/abort",
				"{\"msgIds\":\"" + direct + "," + loadBalanced + ",never-sent\",\"cancel\":true}", password());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JSON.readValue(response.getBody(), new TypeReference<Map<String, Object>>() {
		})).containsEntry("unknown", List.of("never-sent"));
		Message toEngine = receive(TOPOLOGY.engineControlQueue(ENGINE_UUID));
		assertThat(toEngine.msgType()).isEqualTo(MessageType.ABORT_REQUEST);
		assertThat(toEngine.content()).containsEntry(MetadataKeys.MSG_IDS, direct)
			.containsEntry(MetadataKeys.CANCEL, "true");
		List<Message> toScheduler = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			org.springframework.amqp.core.Message received = test.template().receive(schedulerCapture.getName());
			if (received != null) {
				Message message = test.inbound().accept(received.getBody(), schedulerCapture.getName());
				if (MessageType.ABORT_REQUEST.equals(message.msgType())) {
					toScheduler.add(message);
				}
			}
			assertThat(toScheduler).hasSize(1);
		});
		assertThat(toScheduler.get(0).metadata(MetadataKeys.ROUTE)).isEqualTo(MetadataKeys.ROUTE_SCHEDULER);
		assertThat(toScheduler.get(0).content(MetadataKeys.MSG_IDS)).isEqualTo(loadBalanced);
	}

	@Test
	@Order(7)
	void aWriteThatNamesNothingIsABadRequest() {
		assertThat(post("/actuator/jparallel/shutdown", "{}", password()).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/actuator/jparallel/reboot", "{\"engines\":\"all\"}", password()).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	@Order(8)
	void prometheusShowsTheTaskMetersAndTheHubsQueues() {
		this.taskMetrics.submitted();
		this.taskMetrics.completed(Duration.ofMillis(25), false);

		String metrics = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);

		assertThat(metrics).contains("jparallel_tasks_submitted_total", "jparallel_tasks_completed_total",
				"jparallel_tasks_failed_total", "jparallel_task_latency_seconds_bucket",
				"jparallel_queue_depth{queue=\"audit\"}", "jparallel_queue_depth{queue=\"hub\"}");
		assertThat(metrics).containsPattern("(?m)^jparallel_tasks_failed_total(\\{[^}]*\\})? [1-9]");
	}

	private static String submit(Map<String, String> metadata) {
		Message request = Message.request(Header.create(MessageType.EXECUTE_REQUEST, "admin-it-client", "alice"),
				metadata, Map.of("code", "Thread.sleep(60_000)"), List.of());
		test.sender().send(TOPOLOGY.requestsExchange(), "admin-it-client", request);
		return request.header().msgId();
	}

	private static Message receive(String queue) {
		org.springframework.amqp.core.Message received = await().atMost(Duration.ofSeconds(10))
			.until(() -> test.template().receive(queue), message -> message != null);
		Message message = test.inbound().accept(received.getBody(), queue);
		assertThat(message).as("a message signed with the cluster's key").isNotNull();
		return message;
	}

	private static long depth(String queue) {
		return test.admin().getQueueInfo(queue).getMessageCount();
	}

	private static Message call(String msgType, Map<String, String> content) {
		Message request = Message.request(Header.create(msgType, "test-engine", "engine"), Map.of(), content, List.of());
		byte[] reply = test.sender().sendAndReceive("", TOPOLOGY.hubQueue(), request);
		assertThat(reply).as("reply to %s", msgType).isNotNull();
		return test.inbound().accept(reply, "reply");
	}

	private static String password() {
		try {
			return Files.readString(PROFILE_DIR.resolve("security").resolve(AdminPassword.FILE_NAME));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<String> post(String path, String json, String password) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers -> {
				if (password != null) {
					headers.setBasicAuth(AdminPassword.USERNAME, password);
				}
			})
			.body(json)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> engines(Map<String, Object> status) {
		return (List<Map<String, Object>>) status.get("engines");
	}

	private Map<String, Object> getJsonObject(String path) {
		String body = RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).retrieve().body(String.class);
		return JSON.readValue(body, new TypeReference<Map<String, Object>>() {
		});
	}


	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-admin-it-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
