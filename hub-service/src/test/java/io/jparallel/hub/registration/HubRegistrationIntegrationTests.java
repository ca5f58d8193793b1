package io.jparallel.hub.registration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.jparallel.hub.testing.HubTestProperties;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.engines.EngineEvents;
import io.jparallel.protocol.engines.EngineListRequests;
import io.jparallel.protocol.engines.EngineNotificationSubscriber;
import io.jparallel.protocol.tasks.PropertyMaps;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.wire.MessageCodec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub against a real broker (a private RabbitMQ node), in its own cluster: engines registering at
 * once, a forged message, and the audit of a request and its reply. The heart monitor's timeout is long
 * here, so engines that never beat stay registered for the test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubRegistrationIntegrationTests {

	private static final Path PROFILE_DIR = createTempDir();

	private static final ConnectionInfo CLUSTER = new ConnectionInfo("hub-it-" + UUID.randomUUID(),
			TestBroker.uri(), TestBroker.randomKey(), null, null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ClusterConnection engines;

	private static String notificationsQueue;

	@Autowired
	private ClusterConnection hub;

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry properties) {
		HubTestProperties.register(properties, PROFILE_DIR, CLUSTER);
		// The shared config repo as jpcluster passes it: its health groups and exposure are tested too.
		properties.add("jparallel.config-repo", () -> Path.of("..", "config-repo").toAbsolutePath().toString());
		properties.add("management.endpoints.web.exposure.include", () -> "health,info,jparallel");
		properties.add("management.endpoint.health.probes.enabled", () -> "true");
	}

	@BeforeAll
	static void connectAsEngines() {
		engines = new ClusterConnection(CLUSTER, "test-engines", false).declareExchanges();
		Queue queue = engines.admin().declareQueue();
		notificationsQueue = queue.getName();
		engines.admin()
			.declareBinding(new Binding(notificationsQueue, DestinationType.QUEUE,
					CLUSTER.topology().notificationsExchange(), "", null));
	}

	@AfterAll
	static void disconnect() {
		engines.close();
	}

	@Test
	@Order(1)
	void enginesRegisteringAtOnceGetIdsZeroOneTwoAndAreAnnounced() {
		List<String> uuids = IntStream.range(0, 3).mapToObj(i -> "engine-" + i + "-" + UUID.randomUUID()).toList();

		List<Message> replies = uuids.stream()
			.map(uuid -> CompletableFuture.supplyAsync(() -> call(MessageType.REGISTRATION_REQUEST,
					Map.of(HubContent.UUID, uuid, HubContent.HOSTNAME, "localhost", HubContent.PID, "4242"))))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();

		assertThat(replies).allSatisfy(reply -> {
			assertThat(reply.msgType()).isEqualTo(MessageType.REGISTRATION_REPLY);
			assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		});
		assertThat(replies).extracting(reply -> reply.content(HubContent.ID)).containsExactlyInAnyOrder("0", "1", "2");

		List<Message> notifications = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			org.springframework.amqp.core.Message received = engines.template().receive(notificationsQueue);
			if (received != null) {
				notifications.add(engines.inbound().accept(received.getBody(), notificationsQueue));
			}
			assertThat(notifications).hasSize(3);
		});
		assertThat(notifications).allSatisfy(
				notification -> assertThat(notification.msgType()).isEqualTo(MessageType.REGISTRATION_NOTIFICATION));
		assertThat(notifications).extracting(notification -> notification.content(HubContent.ID) + "="
				+ notification.content(HubContent.UUID))
			.containsExactlyInAnyOrderElementsOf(replies.stream()
				.map(reply -> reply.content(HubContent.ID) + "=" + uuidOf(reply, replies, uuids))
				.toList());

		List<Map<String, Object>> listed = getJson("/engines");
		assertThat(listed).extracting(engine -> engine.get("id")).containsExactly(0, 1, 2);
		assertThat(listed).allSatisfy(engine -> {
			assertThat(engine.get("state")).isEqualTo("REGISTERED");
			assertThat(engine.get("hostname")).isEqualTo("localhost");
			assertThat(engine.get("pid")).isEqualTo(4242);
			assertThat(engine).containsKeys("uuid", "registeredAt", "lastHeartbeat");
		});
		assertThat(listed).extracting(engine -> engine.get("uuid")).containsExactlyInAnyOrderElementsOf(uuids);
	}

	@Test
	@Order(2)
	void forgedRequestIsRejectedAndCountedAndTheHubServesTheNextOne() {
		long rejectedBefore = this.hub.inbound().rejectedCounts().get("bad_signature");
		MessageCodec forger = MessageCodec.withKey(HexFormat.of().parseHex(TestBroker.randomKey()));
		Message forged = Message.request(Header.create(MessageType.REGISTRATION_REQUEST, "mallory", "mallory"), Map.of(),
				Map.of(HubContent.UUID, "forged-engine"), List.of());
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/x-jparallel");
		engines.template()
			.send("", CLUSTER.topology().hubQueue(),
					new org.springframework.amqp.core.Message(forger.encode(forged), properties));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.hub.inbound().rejectedCounts().get("bad_signature"))
				.isEqualTo(rejectedBefore + 1));

		Message list = call(MessageType.ENGINE_LIST_REQUEST, Map.of());
		assertThat(list.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(list.content(HubContent.ENGINES)).matches("0=[^,]+,1=[^,]+,2=[^,]+");
		assertThat(list.content(HubContent.ENGINES)).doesNotContain("forged-engine");

		Map<String, Object> status = getJsonObject("/actuator/jparallel");
		assertThat(status).extractingByKey("messages")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.extractingByKey("rejected")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("bad_signature", (int) (rejectedBefore + 1));
	}

	@Test
	@Order(3)
	void engineThatUnregistersIsMarkedAndAnnounced() {
		String uuid = "leaving-" + UUID.randomUUID();
		String id = call(MessageType.REGISTRATION_REQUEST, Map.of(HubContent.UUID, uuid)).content(HubContent.ID);
		assertThat(id).isEqualTo("3");
		drainNotifications();

		engines.sender()
			.send("", CLUSTER.topology().hubQueue(),
					Message.request(Header.create(MessageType.UNREGISTRATION_NOTIFICATION, uuid, "engine"), Map.of(),
							Map.of(HubContent.UUID, uuid, HubContent.ID, id), List.of()));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			org.springframework.amqp.core.Message received = engines.template().receive(notificationsQueue);
			assertThat(received).isNotNull();
			Message notification = engines.inbound().accept(received.getBody(), notificationsQueue);
			assertThat(notification.msgType()).isEqualTo(MessageType.UNREGISTRATION_NOTIFICATION);
			assertThat(notification.content()).containsEntry(HubContent.ID, "3")
				.containsEntry(HubContent.UUID, uuid)
				.containsEntry(HubContent.REASON, HubContent.REASON_UNREGISTERED);
		});
		assertThat(getJson("/engines")).filteredOn(engine -> uuid.equals(engine.get("uuid")))
			.singleElement()
			.satisfies(engine -> assertThat(engine.get("state")).isEqualTo("UNREGISTERED"));
		assertThat(call(MessageType.ENGINE_LIST_REQUEST, Map.of()).content(HubContent.ENGINES)).doesNotContain(uuid);
	}

	@Test
	@Order(4)
	void requestAndReplyOnTheClusterExchangesAreAudited() {
		Header requestHeader = Header.create(MessageType.EXECUTE_REQUEST, "client-it", "alice");
		Message request = Message.request(requestHeader,
				Map.of(MetadataKeys.TARGETS, "1", MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX), Map.of("code", "6 * 7"),
				List.of(new byte[] { 1, 2, 3 }));
		Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Message reply = Replies.reply(request, "engine-1", "alice",
				Map.of(MetadataKeys.ENGINE_ID, "1", MetadataKeys.ENGINE_UUID, "engine-uuid-1", MetadataKeys.STARTED,
						started.toString(), MetadataKeys.COMPLETED, started.plusMillis(3).toString()),
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK), List.of());

		engines.sender().send(CLUSTER.topology().requestsExchange(), "client-it", request);
		engines.sender().send(CLUSTER.topology().resultsExchange(), "client-it", reply);

		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptionsInstanceOf(HttpClientErrorException.NotFound.class)
			.untilAsserted(() -> {
			Map<String, Object> task = getJsonObject("/tasks/" + requestHeader.msgId());
			assertThat(task).containsEntry("msgType", "execute_request")
				.containsEntry("session", "client-it")
				.containsEntry("username", "alice")
				.containsEntry("target", "1")
				.containsEntry("route", "mux")
				.containsEntry("engineId", 1)
				.containsEntry("engineUuid", "engine-uuid-1")
				.containsEntry("status", "ok")
				.containsEntry("started", started.toString())
				.containsEntry("completed", started.plusMillis(3).toString())
				.containsKeys("submitted", "requestBytes", "resultBytes");
		});
		assertThat(getJson("/tasks?limit=10")).extracting(task -> task.get("msgId")).contains(requestHeader.msgId());
	}

	@Test
	@Order(5)
	void readinessIncludesTheBrokerAndLivenessOnlyTheProcess() {
		assertThat(getJsonObject("/actuator/health/readiness")).containsEntry("status", "UP");
		assertThat(getJsonObject("/actuator/health/liveness")).containsEntry("status", "UP");
	}

	@Test
	@Order(6)
	void propertiesAreRegisteredListedAnnouncedAndChangedByTheEnginesNotification() throws InterruptedException {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		try (EngineNotificationSubscriber subscriber = new EngineNotificationSubscriber(engines, "props-subscriber",
				new EngineEvents() {

					@Override
					public void registered(int id, String uuid) {
						events.add("registered " + id);
					}

					@Override
					public void registered(int id, String uuid, Map<String, String> properties) {
						events.add("registered " + id + " " + new TreeMap<>(properties));
					}

					@Override
					public void propertiesChanged(int id, String uuid, Map<String, String> properties) {
						events.add("changed " + id + " " + new TreeMap<>(properties));
					}

					@Override
					public void unregistered(int id, String uuid, String reason) {
					}

				})) {
			drainNotificationsIfAny();
			String uuid = "props-" + UUID.randomUUID();

			String id = call(MessageType.REGISTRATION_REQUEST,
					Map.of(HubContent.UUID, uuid, HubContent.PROPERTIES, PropertyMaps.toJson(Map.of("gpu", "true"))))
				.content(HubContent.ID);

			Message registered = nextNotification();
			assertThat(registered.msgType()).isEqualTo(MessageType.REGISTRATION_NOTIFICATION);
			assertThat(PropertyMaps.fromJson(registered.content(HubContent.PROPERTIES))).isEqualTo(Map.of("gpu", "true"));
			assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("registered " + id + " {gpu=true}");
			assertThat(new EngineListRequests(engines, "props-test").fetchAll())
				.filteredOn(listed -> listed.uuid().equals(uuid))
				.singleElement()
				.satisfies(listed -> assertThat(listed.properties()).isEqualTo(Map.of("gpu", "true")));

			engines.sender()
				.send("", CLUSTER.topology().hubQueue(),
						Message.request(Header.create(MessageType.PROPERTIES_NOTIFICATION, uuid, "engine"), Map.of(),
								Map.of(HubContent.ID, id, HubContent.UUID, uuid, HubContent.PROPERTIES,
										PropertyMaps.toJson(Map.of("gpu", "false", "zone", "eu"))),
								List.of()));

			Message changed = nextNotification();
			assertThat(changed.msgType()).isEqualTo(MessageType.PROPERTIES_NOTIFICATION);
			assertThat(changed.content()).containsEntry(HubContent.ID, id).containsEntry(HubContent.UUID, uuid);
			assertThat(PropertyMaps.fromJson(changed.content(HubContent.PROPERTIES)))
				.isEqualTo(Map.of("gpu", "false", "zone", "eu"));
			assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("changed " + id + " {gpu=false, zone=eu}");
			Message list = call(MessageType.ENGINE_LIST_REQUEST, Map.of());
			assertThat(list.content(EngineListRequests.ENGINE_PROPERTIES))
				.contains("\"" + id + "\":{\"gpu\":\"false\",\"zone\":\"eu\"}");
			assertThat(getJson("/engines")).filteredOn(engine -> uuid.equals(engine.get("uuid")))
				.singleElement()
				.satisfies(engine -> assertThat(engine.get("properties")).isEqualTo(Map.of("gpu", "false", "zone", "eu")));
		}
	}

	private Message nextNotification() {
		org.springframework.amqp.core.Message received = await().atMost(Duration.ofSeconds(10))
			.until(() -> engines.template().receive(notificationsQueue), message -> message != null);
		return engines.inbound().accept(received.getBody(), notificationsQueue);
	}

	private void drainNotificationsIfAny() {
		while (engines.template().receive(notificationsQueue) != null) {
			// skip what earlier tests left
		}
	}

	private Message call(String msgType, Map<String, String> content) {
		Message request = Message.request(Header.create(msgType, "test-engine", "engine"), Map.of(), content, List.of());
		byte[] reply = engines.sender().sendAndReceive("", CLUSTER.topology().hubQueue(), request);
		assertThat(reply).as("reply to %s", msgType).isNotNull();
		Message decoded = engines.inbound().accept(reply, "reply");
		assertThat(decoded).isNotNull();
		assertThat(decoded.parentHeader().msgId()).isEqualTo(request.header().msgId());
		return decoded;
	}

	private static String uuidOf(Message reply, List<Message> replies, List<String> uuids) {
		return uuids.get(replies.indexOf(reply));
	}

	private void drainNotifications() {
		await().atMost(Duration.ofSeconds(10)).until(() -> engines.template().receive(notificationsQueue) != null);
		while (engines.template().receive(notificationsQueue) != null) {
			// skip what is left
		}
	}

	private List<Map<String, Object>> getJson(String path) {
		String body = RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).retrieve().body(String.class);
		return JSON.readValue(body, new TypeReference<List<Map<String, Object>>>() {
		});
	}

	private Map<String, Object> getJsonObject(String path) {
		String body = RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).retrieve().body(String.class);
		return JSON.readValue(body, new TypeReference<Map<String, Object>>() {
		});
	}


	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-it-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
