package io.jparallel.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.TopologyDeclarations;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.engines.EngineListRequests;
import io.jparallel.protocol.engines.EngineNotificationSubscriber;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.protocol.wire.MessageCodec;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.routing.RequestRouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The scheduler against a real broker, in a cluster of its own. The test plays every other participant
 * on the broker: the hub (answering {@code engine_list_request} with engines 0 and 1), the engines (their
 * MUX queues, engine 0's control queue and the shared task queue) and a client (its results queue).
 */
@SpringBootTest(classes = SchedulerApplication.class, webEnvironment = WebEnvironment.NONE)
class SchedulerRoutingIntegrationTests {

	private static final ConnectionInfo CLUSTER = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			TestBroker.randomKey(), null, null);

	private static final Topology TOPOLOGY = CLUSTER.topology();

	private static final String UUID_A = "engine-a-" + UUID.randomUUID();

	private static final String UUID_B = "engine-b-" + UUID.randomUUID();

	private static final String UUID_C = "engine-c-" + UUID.randomUUID();

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger engineListRequests = new AtomicInteger();

	private static ClusterConnection peer;

	private static DirectMessageListenerContainer hub;

	private final String session = "client-" + UUID.randomUUID();

	private String resultsQueue;

	@Autowired
	private ClusterConnection scheduler;

	@Autowired
	private EngineDirectory engines;

	@Autowired
	private RequestRouter router;

	/** Not the real one: it would end the test JVM. */
	@MockitoBean
	private SchedulerShutdown shutdown;

	@DynamicPropertySource
	static void schedulerProperties(DynamicPropertyRegistry properties) {
		Path connectionFile = ConnectionFiles.engineFile(createTempDir());
		ConnectionFiles.write(connectionFile, CLUSTER);
		// The hub and the engines' queues exist before the scheduler starts and asks for the engine list.
		playHubAndEngines();
		properties.add("jparallel.connection-file", connectionFile::toString);
		properties.add("eureka.client.enabled", () -> "false");
		// these tests cover routing and the shared task queue; TaskSchedulerTests cover the other schemes
		properties.add("jparallel.scheduler.scheme", () -> "pure");
	}

	@AfterAll
	static void disconnect() {
		if (hub != null) {
			hub.stop();
			hub.destroy();
		}
		if (peer != null) {
			List.of(TOPOLOGY.engineMuxQueue(UUID_A), TOPOLOGY.engineMuxQueue(UUID_B), TOPOLOGY.engineMuxQueue(UUID_C),
					TOPOLOGY.engineControlQueue(UUID_A), TOPOLOGY.hubQueue())
				.forEach(queue -> peer.admin().deleteQueue(queue));
			peer.close();
		}
	}

	@BeforeEach
	void emptyEngineQueuesAndBindClientResults() {
		List.of(TOPOLOGY.engineMuxQueue(UUID_A), TOPOLOGY.engineMuxQueue(UUID_B), TOPOLOGY.engineMuxQueue(UUID_C),
				TOPOLOGY.engineControlQueue(UUID_A), TOPOLOGY.sharedTaskQueue())
			.forEach(queue -> peer.admin().purgeQueue(queue, false));
		// Server-named: Spring's AnonymousQueue sets x-queue-leader-locator, which RabbitMQ 3.10 refuses.
		// Exclusive but not auto-deleted, so it can be counted after a receive has consumed from it.
		Queue results = new Queue("", false, true, false);
		this.resultsQueue = peer.admin().declareQueue(results);
		peer.admin()
			.declareBinding(new Binding(this.resultsQueue, DestinationType.QUEUE, TOPOLOGY.resultsExchange(), this.session,
					null));
	}

	@Test
	void aDirectRequestForEngineOneArrivesUnchangedOnEngineBsMuxQueue() {
		byte[] request = encode(direct("1"));

		publishRequest(request);

		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_B)).getBody()).isEqualTo(request);
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.sharedTaskQueue())).isZero();
	}

	@Test
	void aLoadBalancedRequestArrivesUnchangedOnTheSharedTaskQueue() {
		byte[] request = encode(task());

		publishRequest(request);

		assertThat(receive(TOPOLOGY.sharedTaskQueue()).getBody()).isEqualTo(request);
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
	}

	@Test
	void aRequestForAnUnknownEngineIsAnsweredAtOnceWithAnErrorReply() {
		Message request = direct("7");

		publishRequest(encode(request));

		Message reply = peer.inbound().accept(receive(this.resultsQueue).getBody(), this.resultsQueue);
		assertThat(reply).isNotNull();
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.msgType()).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo("io.jparallel.UnplaceableRequestError");
		assertThat(reply.content(MetadataKeys.EVALUE)).contains("7");
		assertThat(reply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("7");
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
		assertThat(messageCount(TOPOLOGY.sharedTaskQueue())).isZero();
	}

	@Test
	void aBroadcastRequestArrivesUnchangedOnceOnTheMuxQueueOfEveryTarget() {
		long broadcastsBefore = this.router.counts().get("broadcast");
		byte[] request = encode(broadcast("0,1"));

		publishRequest(request);

		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_A)).getBody()).isEqualTo(request);
		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_B)).getBody()).isEqualTo(request);
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
		assertThat(messageCount(TOPOLOGY.sharedTaskQueue())).isZero();
		assertThat(messageCount(this.resultsQueue)).isZero();
		assertThat(this.router.counts().get("broadcast") - broadcastsBefore).isEqualTo(1);
	}

	@Test
	void aBroadcastNamingAnUnknownEngineIsRefusedForThatEngineAndPlacedOnTheOthers() {
		Message request = broadcast("0,7");
		byte[] encoded = encode(request);

		publishRequest(encoded);

		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_A)).getBody()).isEqualTo(encoded);
		Message reply = peer.inbound().accept(receive(this.resultsQueue).getBody(), this.resultsQueue);
		assertThat(reply).isNotNull();
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.msgType()).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(RequestRouter.UNPLACEABLE);
		assertThat(reply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("7");
		assertThat(messageCount(this.resultsQueue)).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
	}

	@Test
	void aBroadcastWhoseTargetsAreNotEngineIdsIsRefusedOnceAndPlacedNowhere() {
		Message request = broadcast("0,one");

		publishRequest(encode(request));

		Message reply = peer.inbound().accept(receive(this.resultsQueue).getBody(), this.resultsQueue);
		assertThat(reply).isNotNull();
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(RequestRouter.UNPLACEABLE);
		assertThat(reply.content(MetadataKeys.EVALUE)).contains("0,one");
		assertThat(messageCount(this.resultsQueue)).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
	}

	@Test
	void everyChunkOfALargeBroadcastReachesEveryTarget() {
		byte[] payload = new byte[Chunks.CHUNK_BYTES + Chunks.CHUNK_BYTES / 2];
		new SecureRandom().nextBytes(payload);
		Message request = Message.request(Header.create(MessageType.PUSH_REQUEST, this.session, "tester"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_BROADCAST, MetadataKeys.TARGETS, "0,1"),
				Map.of("names", "big"), List.of(payload));
		List<Chunks.Part> parts = Chunks.encode(peer.codec(), request, this.session);
		assertThat(parts).hasSizeGreaterThan(1);

		parts.forEach(part -> publishRequest(part.routingKey(), part.encoded()));

		// the test publishes from a pooled channel per send, and RabbitMQ orders per channel only: compare
		// as a set (engines reassemble chunks by index)
		List<byte[]> sent = parts.stream().map(Chunks.Part::encoded).toList();
		for (String queue : List.of(TOPOLOGY.engineMuxQueue(UUID_A), TOPOLOGY.engineMuxQueue(UUID_B))) {
			List<byte[]> received = new java.util.ArrayList<>();
			for (int i = 0; i < parts.size(); i++) {
				received.add(receive(queue).getBody());
			}
			assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
			assertThat(messageCount(queue)).isZero();
		}
	}

	@Test
	void aControlRequestArrivesUnchangedOnTheEnginesControlQueueOnly() {
		long controlBefore = this.router.counts().get("control");
		byte[] request = encode(control("0"));

		publishRequest(request);

		assertThat(receive(TOPOLOGY.engineControlQueue(UUID_A)).getBody()).isEqualTo(request);
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.sharedTaskQueue())).isZero();
		assertThat(this.router.counts().get("control") - controlBefore).isEqualTo(1);
	}

	@Test
	void aControlRequestForAnUnknownEngineIsRefusedWithItsEngineId() {
		Message request = control("9");

		publishRequest(encode(request));

		Message reply = peer.inbound().accept(receive(this.resultsQueue).getBody(), this.resultsQueue);
		assertThat(reply).isNotNull();
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.msgType()).isEqualTo(MessageType.ABORT_REPLY);
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(RequestRouter.UNPLACEABLE);
		assertThat(reply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("9");
		assertThat(messageCount(TOPOLOGY.engineControlQueue(UUID_A))).isZero();
	}

	@Test
	void aRegistrationNotificationMakesANewEngineRoutableWithoutAskingTheHub() {
		// GIVEN the hub announces engine 2 (which its engine list does not hold)
		int knownBefore = this.engines.size();
		peer.sender().send(TOPOLOGY.notificationsExchange(), "", notification(2, UUID_C));
		await().atMost(RECEIVE_TIMEOUT).until(() -> this.engines.size() == knownBefore + 1);
		int hubRequestsBefore = engineListRequests.get();

		// WHEN a client sends a request to engine 2
		byte[] request = encode(direct("2"));
		publishRequest(request);

		// THEN it reaches engine 2's MUX queue, and the hub was not asked
		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_C)).getBody()).isEqualTo(request);
		assertThat(engineListRequests.get()).isEqualTo(hubRequestsBefore);
	}

	@Test
	void theHubAnnouncingTheControllersShutdownShutsTheSchedulerDown() {
		Message announcement = Message.request(Header.create(MessageType.SHUTDOWN_REQUEST, "hub", "hub"), Map.of(),
				Map.of(EngineNotificationSubscriber.REASON, "shutdown requested by client " + this.session), List.of());

		peer.sender().send(TOPOLOGY.notificationsExchange(), "", announcement);

		verify(this.shutdown, timeout(RECEIVE_TIMEOUT.toMillis())).shutDown("shutdown requested by client " + this.session);
	}

	@Test
	void badlySignedAndGarbageRequestsAreCountedAndDroppedAndTheNextRequestIsRouted() {
		Map<String, Long> rejectedBefore = this.scheduler.inbound().rejectedCounts();
		byte[] forged = MessageCodec.withKey(HexFormat.of().parseHex(TestBroker.randomKey())).encode(direct("0"));
		byte[] garbage = "definitely not a JParallel message".getBytes(StandardCharsets.UTF_8);
		byte[] valid = encode(direct("0"));

		publishRequest(forged);
		publishRequest(garbage);
		publishRequest(valid);

		// One consumer takes requests in order: once the valid one arrives, the other two were handled.
		assertThat(receive(TOPOLOGY.engineMuxQueue(UUID_A)).getBody()).isEqualTo(valid);
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_A))).isZero();
		assertThat(messageCount(TOPOLOGY.engineMuxQueue(UUID_B))).isZero();
		assertThat(messageCount(TOPOLOGY.sharedTaskQueue())).isZero();
		assertThat(messageCount(this.resultsQueue)).isZero();
		// the counts are taken as each message is rejected, which may be a moment after the valid one left
		await().atMost(RECEIVE_TIMEOUT).untilAsserted(() -> {
			Map<String, Long> rejected = this.scheduler.inbound().rejectedCounts();
			assertThat(rejected.get("bad_signature") - rejectedBefore.get("bad_signature")).isEqualTo(1);
			assertThat(rejected.get("malformed") - rejectedBefore.get("malformed")).isEqualTo(1);
		});
	}

	private static void playHubAndEngines() {
		peer = new ClusterConnection(CLUSTER, "test-peer", false).declareExchanges();
		// The hub's own declaration: a different one would make the hub or the scheduler fail to start.
		Queue hubQueue = new Queue(TOPOLOGY.hubQueue(), false, false, false);
		peer.admin().declareQueue(hubQueue);
		hub = new DirectMessageListenerContainer(peer.connectionFactory());
		hub.setQueueNames(hubQueue.getName());
		hub.setAcknowledgeMode(AcknowledgeMode.AUTO);
		hub.setMessageListener(SchedulerRoutingIntegrationTests::answerAsHub);
		hub.afterPropertiesSet();
		hub.start();
		// As the engines declare them (not auto-deleted: receiving with a timeout consumes, and the queue
		// must outlive that consumer)
		for (String uuid : List.of(UUID_A, UUID_B, UUID_C)) {
			TopologyDeclarations.declareOwnedQueue(peer.admin(), TOPOLOGY.engineMuxQueue(uuid), TOPOLOGY.muxExchange(), uuid);
		}
		TopologyDeclarations.declareOwnedQueue(peer.admin(), TOPOLOGY.engineControlQueue(UUID_A),
				TOPOLOGY.controlExchange(), UUID_A);
		// As the scheduler declares it.
		TopologyDeclarations.declareSharedTaskQueue(peer.admin(), TOPOLOGY);
	}

	/** Answers as the hub does: to the AMQP reply-to, with the request's correlation id. */
	private static void answerAsHub(org.springframework.amqp.core.Message amqp) {
		Message request = peer.inbound().accept(amqp.getBody(), TOPOLOGY.hubQueue());
		if (request == null || !MessageType.ENGINE_LIST_REQUEST.equals(request.msgType())) {
			return;
		}
		engineListRequests.incrementAndGet();
		Message reply = Replies.reply(request, "hub", "hub", Map.of(), Map.of(MetadataKeys.STATUS,
				MetadataKeys.STATUS_OK, EngineListRequests.ENGINES, "0=" + UUID_A + ",1=" + UUID_B), List.of());
		org.springframework.amqp.core.Message message = peer.sender().toAmqp(reply);
		MessageProperties properties = amqp.getMessageProperties();
		message.getMessageProperties().setCorrelationId(properties.getCorrelationId());
		peer.template().send("", properties.getReplyTo(), message);
	}

	private Message direct(String target) {
		return request(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, target,
				MetadataKeys.CLASS_QUEUE, TOPOLOGY.clientClassQueue(this.session)));
	}

	private Message broadcast(String targets) {
		return request(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_BROADCAST, MetadataKeys.TARGETS, targets,
				MetadataKeys.CLASS_QUEUE, TOPOLOGY.clientClassQueue(this.session)));
	}

	private Message control(String target) {
		return Message.request(Header.create(MessageType.ABORT_REQUEST, this.session, "tester"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_CONTROL, MetadataKeys.TARGET, target),
				Map.of(MetadataKeys.MSG_IDS, UUID.randomUUID().toString()), List.of());
	}

	private Message task() {
		return request(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK, MetadataKeys.CLASS_QUEUE,
				TOPOLOGY.clientClassQueue(this.session)));
	}

	private Message request(Map<String, String> metadata) {
		return Message.request(Header.create(MessageType.EXECUTE_REQUEST, this.session, "tester"), metadata,
				Map.of("code", "1 + 1"), List.of());
	}

	private static Message notification(int id, String uuid) {
		return Message.request(Header.create(MessageType.REGISTRATION_NOTIFICATION, "hub", "hub"), Map.of(),
				Map.of(EngineNotificationSubscriber.ID, Integer.toString(id), EngineNotificationSubscriber.UUID, uuid),
				List.of());
	}

	private static byte[] encode(Message message) {
		return peer.codec().encode(message);
	}

	/** Publishes bytes as a client does: to the requests exchange, keyed by the client's session. */
	private void publishRequest(byte[] body) {
		publishRequest(this.session, body);
	}

	private void publishRequest(String routingKey, byte[] body) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/x-jparallel");
		peer.template().send(TOPOLOGY.requestsExchange(), routingKey,
				new org.springframework.amqp.core.Message(body, properties));
	}

	private static org.springframework.amqp.core.Message receive(String queue) {
		org.springframework.amqp.core.Message message = peer.template().receive(queue, RECEIVE_TIMEOUT.toMillis());
		assertThat(message).as("a message on " + queue + " within " + RECEIVE_TIMEOUT).isNotNull();
		return message;
	}

	private static long messageCount(String queue) {
		return peer.admin().getQueueInfo(queue).getMessageCount();
	}


	private static Path createTempDir() {
		try {
			Path dir = Files.createTempDirectory("scheduler-it-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
