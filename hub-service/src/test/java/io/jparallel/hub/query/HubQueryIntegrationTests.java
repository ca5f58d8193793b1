package io.jparallel.hub.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.jparallel.hub.audit.TaskRecord;
import io.jparallel.hub.audit.TaskRepository;
import io.jparallel.hub.testing.HubTestProperties;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.engines.EngineListRequests;
import io.jparallel.protocol.testing.TestBroker;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The hub queries against a real broker and the hub's own database: records are stored through the
 * repository (or, once, through the audit), the queries go through the hub queue as a client sends them,
 * and a resubmitted request is caught on a queue of the test bound to the requests exchange.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HubQueryIntegrationTests {

	private static final Path PROFILE_DIR = createTempDir();

	private static final String ADMIN_PASSWORD = "query-test-password";

	private static final ConnectionInfo CLUSTER = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			TestBroker.randomKey(), null, null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant T0 = Instant.parse("2025-01-31T12:00:00Z");

	private static ClusterConnection client;

	private static String requestsQueue;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private TaskQueries queries;

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry properties) {
		HubTestProperties.register(properties, PROFILE_DIR, CLUSTER);
		properties.add("jparallel.hub.admin-password", () -> ADMIN_PASSWORD);
	}

	@BeforeAll
	static void connectAsAClient() {
		client = new ClusterConnection(CLUSTER, "query-test-client", false).declareExchanges();
		requestsQueue = client.admin().declareQueue().getName();
		client.admin()
			.declareBinding(new Binding(requestsQueue, DestinationType.QUEUE, CLUSTER.topology().requestsExchange(), "#",
					null));
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@BeforeEach
	void emptyTheStore() {
		this.tasks.deleteAll();
		while (client.template().receive(requestsQueue) != null) {
			// what an earlier test published
		}
	}

	@Test
	void dbQueryFindsRecordsByOperatorsInSubmissionOrderWithTheKeysAsked() {
		save(record("a", "a", 0, "ok").label("warm-up").submitted(T0.plusSeconds(3)));
		save(record("b", "b", 1, "error").label("warm-down").submitted(T0.plusSeconds(1)));
		save(record("c", "c", 2, "ok").label("warm-up").submitted(T0.plusSeconds(2)));
		save(record("d", "d", 1, "pending").submitted(T0));

		List<Map<String, Object>> warm = records(query("{\"engine_id\": {\"$in\": [0, 1]}, \"label\": {\"$glob\": \"warm*\"}}",
				"engine_id,label"));
		assertThat(warm).extracting(record -> record.get("msgId")).containsExactly("b", "a");
		assertThat(warm.get(0)).containsOnlyKeys("msgId", "engineId", "label").containsEntry("engineId", 1);

		assertThat(ids(query("{\"submitted\": {\"$gte\": \"2025-01-31T12:00:01Z\", \"$lt\": \"2025-01-31T12:00:03Z\"}}", "")))
			.containsExactly("b", "c");
		assertThat(ids(query("{\"status\": {\"$ne\": \"ok\"}, \"label\": {\"$exists\": true}}", ""))).containsExactly("b");
		assertThat(ids(query("{\"label\": {\"$nin\": [\"warm-up\"]}}", ""))).containsExactly("d", "b");
		assertThat(ids(query("{\"engineId\": {\"$gt\": 0, \"$lte\": 1}, \"msg_type\": \"apply_request\"}", "")))
			.containsExactly("d", "b");
		assertThat(ids(query("{\"label\": \"warm_up\"}", ""))).isEmpty();
		assertThat(ids(query("{\"label\": {\"$glob\": \"warm?up\"}}", ""))).containsExactly("c", "a");
		assertThat(ids(query("{}", ""))).containsExactly("d", "b", "c", "a");

		Map<String, Object> full = records(query("{\"msg_id\": \"a\"}", "")).get(0);
		assertThat(full).containsEntry("submitted", "2025-01-31T12:00:03Z")
			.containsEntry("clientUuid", "client-q")
			.doesNotContainKeys("requestBytes", "replyBytes");
		assertThat(full.get("header")).isEqualTo(Map.of("msg_id", "a", "msg_type", "apply_request"));

		QueryResult capped = this.queries.find(List.of(), QueryParser.keys("status"), 3);
		assertThat(capped.truncated()).isTrue();
		assertThat(capped.records()).extracting(record -> record.get("msgId")).containsExactly("d", "b", "c");
	}

	@Test
	void anInvalidQueryIsAnErrorReplyNamingTheProblemAndTheHubKeepsServing() {
		Message malformed = call(MessageType.DB_QUERY_REQUEST, Map.of(MetadataKeys.QUERY, "{\"msgId\": "), Map.of());
		Message unknownField = call(MessageType.DB_QUERY_REQUEST, Map.of(MetadataKeys.QUERY, "{\"nonsense\": 1}"),
				Map.of());
		Message unknownOperator = call(MessageType.DB_QUERY_REQUEST,
				Map.of(MetadataKeys.QUERY, "{\"msgId\": {\"$regex\": \"a\"}}"), Map.of());
		Message rawKeys = call(MessageType.DB_QUERY_REQUEST, Map.of(MetadataKeys.QUERY, "{}", MetadataKeys.KEYS,
				"replyBytes"), Map.of());

		assertThat(List.of(malformed, unknownField, unknownOperator, rawKeys)).allSatisfy(reply -> {
			assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
			assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo("io.jparallel.InvalidQuery");
		});
		assertThat(malformed.content(MetadataKeys.EVALUE)).contains("malformed JSON");
		assertThat(unknownField.content(MetadataKeys.EVALUE)).contains("unknown field 'nonsense'");
		assertThat(unknownOperator.content(MetadataKeys.EVALUE)).contains("unknown operator '$regex'");
		assertThat(rawKeys.content(MetadataKeys.EVALUE)).contains("raw bytes");
		assertThat(call(MessageType.GET_RESULT_REQUEST, Map.of(), Map.of()).content(MetadataKeys.EVALUE))
			.contains("needs content msg_ids");
		assertThat(new EngineListRequests(client, "query-test").fetch()).isEmpty();
	}

	@Test
	void getResultReturnsTheStoredRepliesAsSentAndSaysWhatIsPendingOrUnknown() {
		save(record("done", "done", 0, "ok").reply(reply("done", 0, "42")));
		save(record("bc@1", "bc", 1, "ok").queue(MetadataKeys.ROUTE_BROADCAST).reply(reply("bc", 1, "b")));
		save(record("bc@0", "bc", 0, "ok").queue(MetadataKeys.ROUTE_BROADCAST).reply(reply("bc", 0, "a")));
		save(record("later", "later", 2, "pending"));
		save(record("half@0", "half", 0, "ok").queue(MetadataKeys.ROUTE_BROADCAST).reply(reply("half", 0, "x")));
		save(record("half@1", "half", 1, "pending").queue(MetadataKeys.ROUTE_BROADCAST));

		Message reply = call(MessageType.GET_RESULT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, "done,bc,later,half,nope"), Map.of());

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.content(MetadataKeys.FOUND)).isEqualTo("done,bc,bc");
		assertThat(reply.content(MetadataKeys.PENDING)).isEqualTo("later,half,half");
		assertThat(reply.content(MetadataKeys.UNKNOWN)).isEqualTo("nope");
		List<Message> stored = reply.buffers().stream().map(HubQueryIntegrationTests::decode).toList();
		assertThat(stored).extracting(message -> message.parentHeader().msgId() + "@" + message.content("value"))
			.containsExactly("done@42", "bc@a", "bc@b");

		Message status = call(MessageType.RESULT_STATUS_REQUEST, Map.of(MetadataKeys.MSG_IDS, "done,bc,later,half,nope"),
				Map.of());
		assertThat(status.content()).containsEntry(MetadataKeys.COMPLETED, "done,bc")
			.containsEntry(MetadataKeys.PENDING, "later,half")
			.containsEntry(MetadataKeys.UNKNOWN, "nope");
	}

	@Test
	void resubmitPublishesTheStoredRequestSignedUnderTheNewIdForTheRequestingSession() {
		Message original = Message.request(new Header("old", MessageType.APPLY_REQUEST, "client-gone", "alice", T0,
				Header.PROTOCOL_VERSION),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, "1", MetadataKeys.CLASS_QUEUE,
						"classes-gone", MetadataKeys.LABEL, "warm-up"),
				Map.of("mode", "map"), List.of(new byte[] { 1, 2, 3 }, new byte[] { 4 }));
		save(record("old", "old", 1, "ok").request(original));

		Message reply = call(MessageType.RESUBMIT_REQUEST, Map.of(MetadataKeys.MSG_IDS, "old:new-id,ghost:ghost-2"),
				Map.of(MetadataKeys.CLASS_QUEUE, "classes-now"));

		assertThat(reply.content()).containsEntry(MetadataKeys.STATUS, MetadataKeys.STATUS_OK)
			.containsEntry(MetadataKeys.RESUBMITTED, "old")
			.containsEntry(MetadataKeys.UNKNOWN, "ghost");
		org.springframework.amqp.core.Message published = await().atMost(Duration.ofSeconds(10))
			.until(() -> client.template().receive(requestsQueue), message -> message != null);
		assertThat(published.getMessageProperties().getReceivedRoutingKey()).isEqualTo("query-test");
		Message again = decode(published.getBody());
		assertThat(again.header().msgId()).isEqualTo("new-id");
		assertThat(again.header().session()).isEqualTo("query-test");
		assertThat(again.header().msgType()).isEqualTo(MessageType.APPLY_REQUEST);
		assertThat(again.header().date()).isAfter(T0);
		assertThat(again.metadata()).containsEntry(MetadataKeys.RESUBMITTED, "old")
			.containsEntry(MetadataKeys.CLASS_QUEUE, "classes-now")
			.containsEntry(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX)
			.containsEntry(MetadataKeys.TARGET, "1")
			.containsEntry(MetadataKeys.LABEL, "warm-up");
		assertThat(again.content()).isEqualTo(original.content());
		assertThat(again.buffers()).containsExactly(new byte[] { 1, 2, 3 }, new byte[] { 4 });
		awaitRecorded("new-id");
		assertThat(records(query("{\"msgId\": \"new-id\"}", "resubmitted,client_uuid"))).singleElement()
			.satisfies(record -> assertThat(record).containsEntry("resubmitted", "old")
				.containsEntry("clientUuid", "query-test"));
	}

	@Test
	void aLargeRequestIsResubmittedInChunks() {
		byte[] large = new byte[Chunks.CHUNK_BYTES * 2];
		new SecureRandom().nextBytes(large);
		Message original = Message.request(Header.create(MessageType.APPLY_REQUEST, "client-gone", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK), Map.of(), List.of(large));
		save(record(original.header().msgId(), original.header().msgId(), 0, "ok").request(original));

		Message reply = call(MessageType.RESUBMIT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, original.header().msgId() + ":big-again"), Map.of());

		assertThat(reply.content(MetadataKeys.RESUBMITTED)).isEqualTo(original.header().msgId());
		ChunkAssembler chunks = new ChunkAssembler(client.codec());
		List<Accepted> whole = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			org.springframework.amqp.core.Message part = client.template().receive(requestsQueue);
			if (part != null) {
				keys.add(part.getMessageProperties().getReceivedRoutingKey());
				whole.addAll(chunks.offer(new Accepted(decode(part.getBody()), part.getBody())));
			}
			return !whole.isEmpty();
		});
		assertThat(keys).hasSizeGreaterThan(1).first().isEqualTo("query-test");
		Message again = whole.get(0).message();
		assertThat(again.header().msgId()).isEqualTo("big-again");
		assertThat(again.buffers()).singleElement().isEqualTo(large);
		awaitRecorded("big-again");
	}

	@Test
	void purgeDeletesOnlyFinishedRecords() {
		save(record("p1", "p1", 0, "ok"));
		save(record("p2", "p2", 1, "error"));
		save(record("p3", "p3", 1, "ok"));
		save(record("p4", "p4", 1, "pending"));
		save(record("p5", "p5", 2, "ok"));

		assertThat(purged(Map.of(MetadataKeys.MSG_IDS, "p1,p4"))).isEqualTo(1);
		assertThat(purged(Map.of(MetadataKeys.ENGINE_ID, "1"))).isEqualTo(2);
		assertThat(call(MessageType.PURGE_RESULTS_REQUEST, Map.of(), Map.of()).content(MetadataKeys.ENAME))
			.isEqualTo("io.jparallel.InvalidQuery");
		assertThat(purged(Map.of(MetadataKeys.ALL, "true"))).isEqualTo(1);
		assertThat(this.tasks.findAll()).extracting(TaskRecord::getId).containsExactly("p4");
	}

	@Test
	void historyIsEveryRequestInSubmissionOrderABroadcastOnce() {
		save(record("h2", "h2", 0, "ok").submitted(T0.plusSeconds(2)));
		save(record("h1@0", "h1", 0, "ok").submitted(T0.plusSeconds(1)));
		save(record("h1@1", "h1", 1, "pending").submitted(T0.plusSeconds(1)));
		save(record("h3", "h3", 0, "ok").submitted(T0.plusSeconds(3)));

		assertThat(call(MessageType.HUB_HISTORY_REQUEST, Map.of(), Map.of()).content(MetadataKeys.MSG_IDS))
			.isEqualTo("h1,h2,h3");
	}

	@Test
	void aRequestAndReplyRecordedByTheAuditAreReturnedAsSent() {
		Message request = Message.request(Header.create(MessageType.APPLY_REQUEST, "client-audit", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, "3"), Map.of(),
				List.of(new byte[] { 9 }));
		Message engineReply = reply(request.header().msgId(), 3, "audited");
		client.sender().send(CLUSTER.topology().requestsExchange(), "client-audit", request);
		client.sender().send(CLUSTER.topology().resultsExchange(), "client-audit", engineReply);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(call(MessageType.RESULT_STATUS_REQUEST,
					Map.of(MetadataKeys.MSG_IDS, request.header().msgId()), Map.of()).content(MetadataKeys.COMPLETED))
				.isEqualTo(request.header().msgId()));
		Message found = call(MessageType.GET_RESULT_REQUEST, Map.of(MetadataKeys.MSG_IDS, request.header().msgId()),
				Map.of());
		assertThat(found.buffers()).singleElement().satisfies(bytes -> {
			Message stored = decode(bytes);
			assertThat(stored.header().msgId()).isEqualTo(engineReply.header().msgId());
			assertThat(stored.content("value")).isEqualTo("audited");
		});
		List<Map<String, Object>> records = records(
				query("{\"msg_id\": \"" + request.header().msgId() + "\"}", "engine_id,queue,status,client_uuid"));
		assertThat(records).singleElement()
			.satisfies(record -> assertThat(record).containsEntry("engineId", 3)
				.containsEntry("queue", "mux")
				.containsEntry("status", "ok")
				.containsEntry("clientUuid", "client-audit"));
	}

	@Test
	void operatorsQueryOverHttpAndNeedTheAdminPasswordToWrite() {
		save(record("w1", "w1", 0, "ok").label("warm-up").submitted(T0));
		save(record("w2", "w2", 1, "pending").submitted(T0.plusSeconds(1))
			.request(Message.request(new Header("w2", MessageType.EXECUTE_REQUEST, "client-q", "alice", T0,
					Header.PROTOCOL_VERSION), Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK), Map.of("code", "1"),
					List.of())));
		RestClient http = RestClient.create("http://127.0.0.1:" + this.port);

		ResponseEntity<String> queried = http.get()
			.uri(uri -> uri.path("/tasks").queryParam("query", "{query}").queryParam("keys", "engine_id,status")
				.build("{\"label\": {\"$glob\": \"warm*\"}}"))
			.retrieve()
			.toEntity(String.class);
		assertThat(queried.getHeaders().getFirst("X-JParallel-Truncated")).isEqualTo("false");
		assertThat(JSON.readValue(queried.getBody(), new TypeReference<List<Map<String, Object>>>() {
		})).containsExactly(Map.of("msgId", "w1", "engineId", 0, "status", "ok"));
		assertThat(http.get().uri("/tasks/history").retrieve().body(String.class)).isEqualTo("[\"w1\",\"w2\"]");
		assertThat(http.get().uri("/tasks/w2").retrieve().body(String.class)).contains("\"status\":\"pending\"",
				"\"session\":\"client-q\"");
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> http.get().uri("/tasks?query={q}", "{\"nonsense\": 1}").retrieve().body(String.class))
			.satisfies(ex -> assertThat(ex.getResponseBodyAsString()).contains("unknown field 'nonsense'"));

		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> http.delete().uri("/tasks?all=true").retrieve().body(String.class));
		assertThat(this.tasks.count()).isEqualTo(2);
		String purged = http.delete()
			.uri("/tasks?all=true")
			.header(HttpHeaders.AUTHORIZATION, basic())
			.retrieve()
			.body(String.class);
		assertThat(purged).isEqualTo("{\"purged\":1}");

		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> http.post().uri("/tasks/resubmit").contentType(MediaType.APPLICATION_JSON)
				.body("{\"msgIds\": [\"w2\"]}").retrieve().body(String.class));
		String resubmitted = http.post()
			.uri("/tasks/resubmit")
			.header(HttpHeaders.AUTHORIZATION, basic())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"msgIds\": [\"w2\", \"ghost\"], \"session\": \"operator\"}")
			.retrieve()
			.body(String.class);
		Map<String, Object> answer = JSON.readValue(resubmitted, new TypeReference<Map<String, Object>>() {
		});
		assertThat(answer.get("unknown")).isEqualTo(List.of("ghost"));
		assertThat(answer.get("resubmitted")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("w2");
		awaitRecorded(((Map<?, ?>) answer.get("resubmitted")).get("w2").toString());
	}

	/** Waits until the audit recorded a request the hub published, so that it does not turn up in the next test. */
	private void awaitRecorded(String msgId) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tasks.existsById(msgId));
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
	}

	private int purged(Map<String, String> content) {
		Message reply = call(MessageType.PURGE_RESULTS_REQUEST, content, Map.of());
		assertThat(reply.content(MetadataKeys.STATUS)).as(reply.content().toString()).isEqualTo(MetadataKeys.STATUS_OK);
		return Integer.parseInt(reply.content(MetadataKeys.PURGED));
	}

	private Message query(String query, String keys) {
		Message reply = call(MessageType.DB_QUERY_REQUEST, Map.of(MetadataKeys.QUERY, query, MetadataKeys.KEYS, keys),
				Map.of());
		assertThat(reply.content(MetadataKeys.STATUS)).as(reply.content().toString()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.content(MetadataKeys.TRUNCATED)).isEqualTo("false");
		return reply;
	}

	private static List<Map<String, Object>> records(Message reply) {
		return JSON.readValue(reply.content(MetadataKeys.RECORDS), new TypeReference<List<Map<String, Object>>>() {
		});
	}

	private static List<Object> ids(Message reply) {
		return records(reply).stream().map(record -> record.get("msgId")).toList();
	}

	private Message call(String msgType, Map<String, String> content, Map<String, String> metadata) {
		Message request = Message.request(Header.create(msgType, "query-test", "tester"), metadata, content, List.of());
		byte[] reply = client.sender().sendAndReceive("", CLUSTER.topology().hubQueue(), request);
		assertThat(reply).as("reply to %s", msgType).isNotNull();
		Message decoded = client.inbound().accept(reply, "reply");
		assertThat(decoded).isNotNull();
		assertThat(decoded.parentHeader().msgId()).isEqualTo(request.header().msgId());
		assertThat(decoded.msgType()).isEqualTo(MessageType.replyTo(msgType));
		return decoded;
	}

	private static Message decode(byte[] bytes) {
		try {
			return client.codec().decode(bytes);
		}
		catch (io.jparallel.protocol.wire.InvalidMessageException ex) {
			throw new AssertionError(ex);
		}
	}

	/** An engine's reply to {@code msgId}, its content {@code value} naming it. */
	private static Message reply(String msgId, int engineId, String value) {
		Header parent = new Header(msgId, MessageType.APPLY_REQUEST, "client-q", "alice", T0, Header.PROTOCOL_VERSION);
		Map<String, String> content = new HashMap<>(Replies.errorContent("x", "y", "z"));
		content.put(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
		content.put("value", value);
		return new Message(Header.create(MessageType.APPLY_REPLY, "engine-" + engineId, "engine"), parent,
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId)), content, List.of());
	}

	private void save(Fields fields) {
		this.tasks.save(fields.record);
	}

	private static Fields record(String id, String msgId, int engineId, String status) {
		TaskRecord record = TaskRecord.create(id, msgId, Instant.now());
		Fields fields = new Fields(record);
		return fields.set("msgType", MessageType.APPLY_REQUEST)
			.set("queue", MetadataKeys.ROUTE_MUX)
			.set("header", "{\"msg_id\":\"" + msgId + "\",\"msg_type\":\"apply_request\"}")
			.set("clientUuid", "client-q")
			.set("username", "alice")
			.set("engineId", engineId)
			.set("status", status)
			.submitted(T0);
	}

	/**
	 * Sets a record's properties by name, the query contract, whatever the audit's own way of filling them.
	 */
	private static final class Fields {

		private final TaskRecord record;

		Fields(TaskRecord record) {
			this.record = record;
		}

		Fields set(String property, Object value) {
			ReflectionTestUtils.setField(this.record, property, value);
			return this;
		}

		Fields label(String label) {
			return set("label", label);
		}

		Fields submitted(Instant submitted) {
			return set("submitted", submitted);
		}

		Fields queue(String queue) {
			return set("queue", queue);
		}

		Fields request(Message request) {
			byte[] bytes = client.codec().encode(request);
			return set("requestBytes", bytes).set("requestSize", (long) bytes.length);
		}

		Fields reply(Message reply) {
			byte[] bytes = client.codec().encode(reply);
			return set("replyBytes", bytes).set("resultSize", (long) bytes.length);
		}

	}


	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-query-it-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
