package io.jparallel.hub.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit against a real broker and the hub's H2 file database: signed requests and replies published as
 * clients and engines publish them (replies batched, a broadcast, a chunked request, a reply before its
 * request) end as complete records; while the audit is stopped, its durable queue keeps everything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuditIntegrationTests {

	private static final Log logger = LogFactory.getLog(AuditIntegrationTests.class);

	private static final Path PROFILE_DIR = createTempDir();

	private static final ConnectionInfo CLUSTER = new ConnectionInfo("audit-it-" + UUID.randomUUID(),
			TestBroker.uri(), TestBroker.randomKey(), null, null);

	private static final String SESSION = "client-audit-it";

	private static ClusterConnection peers;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private AuditStatistics statistics;

	@Autowired
	@Qualifier("auditContainer")
	private SimpleMessageListenerContainer auditContainer;

	@DynamicPropertySource
	static void hubProperties(DynamicPropertyRegistry properties) {
		Path connectionFile = ConnectionFiles.engineFile(PROFILE_DIR);
		ConnectionFiles.write(connectionFile, CLUSTER);
		properties.add("jparallel.connection-file", connectionFile::toString);
		properties.add("jparallel.profile-dir", PROFILE_DIR::toString);
		properties.add("jparallel.cluster-id", CLUSTER::clusterId);
		properties.add("jparallel.heartbeat.timeout", () -> "10m");
		properties.add("eureka.client.enabled", () -> "false");
		properties.add("jparallel.config-repo", () -> Path.of("..", "config-repo").toAbsolutePath().toString());
	}

	@BeforeAll
	static void connect() {
		peers = new ClusterConnection(CLUSTER, "audit-it-peers", false).declareExchanges();
	}

	@AfterAll
	static void disconnect() {
		peers.close();
	}

	@BeforeEach
	void auditRuns() {
		this.auditContainer.start();
	}

	@Test
	void everyRequestAndReplyEndsInOneCompleteRecord() {
		long before = this.tasks.count();
		int count = 3000;
		List<Message> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			requests.add(request(MetadataKeys.ROUTE_TASK, null, List.of()));
		}
		long start = System.nanoTime();
		requests.forEach(request -> peers.sender().send(CLUSTER.topology().requestsExchange(), SESSION, request));
		List<byte[]> replies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			replies.add(peers.codec().encode(reply(requests.get(i), i % 4)));
			if (replies.size() == 50) {
				peers.sender().sendBatch(CLUSTER.topology().resultsExchange(), SESSION, replies);
				replies.clear();
			}
		}
		peers.sender().sendBatch(CLUSTER.topology().resultsExchange(), SESSION, replies);

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.tasks.totals().records() - before).isEqualTo(count));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.tasks.totals().pending()).isZero());
		double seconds = (System.nanoTime() - start) / 1e9;
		logger.info(String.format("Audited %d tasks (%d messages) in %.2f s: %.0f tasks/s", count, 2 * count, seconds,
				count / seconds));

		List<TaskRecord> records = this.tasks
			.findAllById(requests.stream().map(request -> request.header().msgId()).toList());
		assertThat(records).hasSize(count).allSatisfy(AuditIntegrationTests::isCompleteAndInOrder);
		assertThat(this.statistics.current().messagesRecorded()).isGreaterThanOrEqualTo(2L * count);
	}

	@Test
	void broadcastChunkedAndEarlyRepliesAreRecordedWhole() {
		Message broadcast = request(MetadataKeys.ROUTE_BROADCAST, "0,1,2", List.of());
		Message large = request(MetadataKeys.ROUTE_MUX, "1", List.of(new byte[2_500_000]));
		Message late = request(MetadataKeys.ROUTE_MUX, "2", List.of());

		peers.sender().send(CLUSTER.topology().requestsExchange(), SESSION, broadcast);
		peers.sender().send(CLUSTER.topology().requestsExchange(), SESSION, large);
		peers.sender().send(CLUSTER.topology().resultsExchange(), SESSION, reply(late, 2));
		for (int engine = 0; engine < 3; engine++) {
			peers.sender().send(CLUSTER.topology().resultsExchange(), SESSION, reply(broadcast, engine));
		}
		peers.sender().send(CLUSTER.topology().resultsExchange(), SESSION, reply(large, 1));
		peers.sender().send(CLUSTER.topology().requestsExchange(), SESSION, late);

		String broadcastId = broadcast.header().msgId();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.tasks.findByMsgIdOrderByIdAsc(broadcastId)).extracting(TaskRecord::getId)
				.containsExactly(broadcastId + "@0", broadcastId + "@1", broadcastId + "@2");
			assertThat(this.tasks.findByMsgIdOrderByIdAsc(broadcastId))
				.allSatisfy(AuditIntegrationTests::isCompleteAndInOrder);
			assertThat(this.tasks.findById(large.header().msgId())).hasValueSatisfying(record -> {
				isCompleteAndInOrder(record);
				assertThat(record.getRequestBytes()).isEqualTo(peers.codec().encode(large));
			});
			assertThat(this.tasks.findById(late.header().msgId())).hasValueSatisfying(record -> {
				isCompleteAndInOrder(record);
				assertThat(record.getQueue()).isEqualTo("mux");
			});
		});
		assertThat(this.statistics.current().incompleteChunkedMessages()).isZero();
	}

	@Test
	void whileTheAuditIsStoppedItsQueueKeepsEverythingAndTheBacklogIsWrittenAtSpeed() {
		this.auditContainer.stop();
		int count = 5000;
		List<Message> requests = new ArrayList<>();
		List<byte[]> replies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message request = request(MetadataKeys.ROUTE_TASK, null, List.of());
			requests.add(request);
			peers.sender().send(CLUSTER.topology().requestsExchange(), SESSION, request);
			replies.add(peers.codec().encode(reply(request, 3)));
			if (replies.size() == 16) {
				peers.sender().sendBatch(CLUSTER.topology().resultsExchange(), SESSION, replies);
				replies.clear();
			}
		}
		peers.sender().sendBatch(CLUSTER.topology().resultsExchange(), SESSION, replies);
		int deliveries = count + (count + 15) / 16;
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(peers.admin().getQueueInfo(CLUSTER.topology().hubAuditQueue()).getMessageCount())
				.isEqualTo(deliveries));

		long start = System.nanoTime();
		this.auditContainer.start();

		List<String> ids = requests.stream().map(request -> request.header().msgId()).toList();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> peers.admin().getQueueInfo(CLUSTER.topology().hubAuditQueue()).getMessageCount() == 0
					&& this.tasks.findAllById(ids).stream().allMatch(TaskRecord::hasReply));
		double seconds = (System.nanoTime() - start) / 1e9;
		logger.info(String.format("Wrote a backlog of %d tasks (%d deliveries) in %.2f s: %.0f tasks/s", count,
				deliveries, seconds, count / seconds));
		assertThat(this.tasks.findAllById(ids)).hasSize(count).allSatisfy(AuditIntegrationTests::isCompleteAndInOrder);
	}

	private static void isCompleteAndInOrder(TaskRecord record) {
		assertThat(record.hasRequest()).as("request of %s", record.getId()).isTrue();
		assertThat(record.hasReply()).as("reply of %s", record.getId()).isTrue();
		assertThat(record.getStatus()).isEqualTo("ok");
		assertThat(record.getClientUuid()).isEqualTo(SESSION);
		assertThat(record.getSubmitted()).isNotNull();
		assertThat(record.getStarted()).isAfterOrEqualTo(record.getSubmitted());
		assertThat(record.getCompleted()).isAfterOrEqualTo(record.getStarted());
		assertThat(record.getReceived()).isAfterOrEqualTo(record.getCompleted());
		assertThat(record.getRequestSize()).isEqualTo(record.getRequestBytes().length);
		assertThat(record.getResultSize()).isEqualTo(record.getReplyBytes().length);
	}

	private static Message request(String route, String target, List<byte[]> buffers) {
		Map<String, String> metadata = new java.util.HashMap<>();
		metadata.put(MetadataKeys.ROUTE, route);
		if (target != null) {
			metadata.put(MetadataKeys.ROUTE_BROADCAST.equals(route) ? MetadataKeys.TARGETS : MetadataKeys.TARGET, target);
		}
		return Message.request(Header.create(MessageType.APPLY_REQUEST, SESSION, "alice"), metadata, Map.of(), buffers);
	}

	/** A reply as an engine makes it: started after the request was made, completed after that. */
	private static Message reply(Message request, int engine) {
		Instant started = request.header().date().plusNanos(1000);
		Instant completed = Instant.now().isAfter(started) ? Instant.now() : started;
		return Replies.reply(request, "engine-" + engine, "alice",
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engine), MetadataKeys.ENGINE_UUID, "engine-uuid-" + engine,
						MetadataKeys.STARTED, started.toString(), MetadataKeys.COMPLETED, completed.toString()),
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK), List.of(new byte[] { 4, 2 }));
	}


	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-audit-it-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
