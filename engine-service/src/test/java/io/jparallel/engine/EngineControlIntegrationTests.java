package io.jparallel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.topology.Topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real engine process against a real broker, in a cluster of its own. The test plays the hub (it
 * answers the engine's registration and hears it leave) and a client: it sends requests to the engine's
 * MUX and control exchanges as the scheduler forwards them, and reads its own results queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class EngineControlIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ConnectionInfo cluster = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			randomKey(), null, null);

	private final Topology topology = this.cluster.topology();

	private final String session = "client-" + UUID.randomUUID();

	private final BlockingQueue<Message> hubInbox = new LinkedBlockingQueue<>();

	private final List<Message> replies = new ArrayList<>();

	private Path temp;

	private ClusterConnection peer;

	private DirectMessageListenerContainer hub;

	private String resultsQueue;

	private Process engine;

	private Path engineLog;

	private String engineUuid;

	@BeforeAll
	void startEngine(@TempDir Path temp) throws Exception {
		this.temp = temp;
		this.peer = new ClusterConnection(this.cluster, "test-peer", false).declareExchanges();
		playHub();
		// exclusive but not auto-deleted: receiving with a timeout must not delete it
		this.resultsQueue = this.peer.admin().declareQueue(new Queue("", false, true, false));
		this.peer.admin()
			.declareBinding(new Binding(this.resultsQueue, DestinationType.QUEUE, this.topology.resultsExchange(),
					this.session, null));
		Path connectionFile = ConnectionFiles.engineFile(this.temp);
		ConnectionFiles.write(connectionFile, this.cluster);
		this.engineLog = Path.of("target", "engine-control-it-" + this.cluster.clusterId() + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djparallel.connection-file=" + connectionFile, "-Deureka.client.enabled=false", "-Dserver.port=0",
				"-Dspring.main.banner-mode=off", "-Djava.io.tmpdir=" + this.temp));
		Path configRepo = Path.of("..", "config-repo").toAbsolutePath().normalize();
		if (Files.isDirectory(configRepo)) {
			command.add("-Djparallel.config-repo=" + configRepo);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineApplication.class.getName()));
		this.engine = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.engineLog.toFile())
			.start();
		Message registration = await().atMost(TIMEOUT).until(this.hubInbox::poll, message -> message != null);
		assertThat(registration.msgType()).as(engineLogTail()).isEqualTo(MessageType.REGISTRATION_REQUEST);
		this.engineUuid = registration.content("uuid");
	}

	@AfterAll
	void stopEngine() {
		if (this.engine != null && this.engine.isAlive()) {
			this.engine.destroyForcibly();
		}
		if (this.hub != null) {
			this.hub.stop();
			this.hub.destroy();
		}
		if (this.peer != null) {
			this.peer.admin().deleteQueue(this.topology.hubQueue());
			this.peer.close();
		}
	}

	@Test
	@Order(1)
	void anAbortOvertakesQueuedWorkAndTheAbortedRequestIsAnsweredWithoutRunning() throws IOException {
		Path release = this.temp.resolve("release");
		Message slow = execute("while (!Files.exists(Path.of(\"" + release + "\"))) { Thread.sleep(10); }");
		Message queued = execute("int shouldNotRun = 1;");
		sendToMux(slow);
		sendToMux(queued);

		Message abort = request(MessageType.ABORT_REQUEST, Map.of(MetadataKeys.MSG_IDS, queued.header().msgId()));
		sendToControl(abort);

		// the slow request holds the work consumer until released, so this reply came from the control queue
		Message abortReply = replyTo(abort);
		assertThat(abortReply.msgType()).isEqualTo(MessageType.ABORT_REPLY);
		assertThat(abortReply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(abortReply.content(MetadataKeys.ABORTED)).isEqualTo(queued.header().msgId());
		assertThat(abortReply.content(MetadataKeys.ALREADY_DONE)).isEmpty();
		assertThat(abortReply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");
		Files.createFile(release);
		Message slowReply = replyTo(slow);
		assertThat(slowReply.content(MetadataKeys.STATUS)).as("%s", slowReply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(slowReply.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("1");
		Message abortedReply = replyTo(queued);
		assertThat(abortedReply.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(abortedReply.content(MetadataKeys.EVALUE)).contains(abort.header().msgId());
		assertThat(abortedReply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");

		Message check = execute("shouldNotRun");
		sendToMux(check);
		Message checkReply = replyTo(check);
		assertThat(checkReply.content(MetadataKeys.ENAME)).isEqualTo("CompilationError");
		assertThat(checkReply.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("2");

		Message late = request(MessageType.ABORT_REQUEST, Map.of(MetadataKeys.MSG_IDS, slow.header().msgId()));
		sendToControl(late);
		assertThat(replyTo(late).content(MetadataKeys.ALREADY_DONE)).isEqualTo(slow.header().msgId());
	}

	@Test
	@Order(2)
	void workRequestsOnTheControlQueueAreRefused() {
		Message misplaced = execute("1 + 1");

		sendToControl(misplaced);

		assertThat(replyTo(misplaced).content(MetadataKeys.EVALUE))
			.isEqualTo("engine cannot handle execute_request on its control queue");
	}

	@Test
	@Order(3)
	void aShutdownRequestIsAnsweredAndTheEngineLeavesTheClusterAndExits() throws IOException {
		Message shutdown = request(MessageType.SHUTDOWN_REQUEST, Map.of());

		sendToControl(shutdown);

		Message reply = replyTo(shutdown);
		assertThat(reply.msgType()).isEqualTo(MessageType.SHUTDOWN_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.engine.isAlive());
		assertThat(this.engine.exitValue()).as(engineLogTail()).isZero();
		Message leaving = this.hubInbox.poll();
		assertThat(leaving).as(engineLogTail()).isNotNull();
		assertThat(leaving.msgType()).isEqualTo(MessageType.UNREGISTRATION_NOTIFICATION);
		assertThat(leaving.content("uuid")).isEqualTo(this.engineUuid);
		assertThat(Files.readString(this.engineLog))
			.contains("Engine 0 shutting down at the request of session " + this.session);
		assertThat(this.temp.resolve("jparallel-engine-" + this.engineUuid)).doesNotExist();
	}

	private void playHub() {
		Queue hubQueue = new Queue(this.topology.hubQueue(), false, false, false);
		this.peer.admin().declareQueue(hubQueue);
		this.hub = new DirectMessageListenerContainer(this.peer.connectionFactory());
		this.hub.setQueueNames(hubQueue.getName());
		this.hub.setAcknowledgeMode(AcknowledgeMode.AUTO);
		this.hub.setMessageListener(this::answerAsHub);
		this.hub.afterPropertiesSet();
		this.hub.start();
	}

	/** Gives the engine id 0, as the hub does: to the AMQP reply-to, with the request's correlation id. */
	private void answerAsHub(org.springframework.amqp.core.Message amqp) {
		Message message = this.peer.inbound().accept(amqp.getBody(), this.topology.hubQueue());
		if (message == null) {
			return;
		}
		this.hubInbox.add(message);
		if (!MessageType.REGISTRATION_REQUEST.equals(message.msgType())) {
			return;
		}
		Message reply = Replies.reply(message, "hub", "hub", Map.of(),
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, "id", "0"), List.of());
		org.springframework.amqp.core.Message answer = this.peer.sender().toAmqp(reply);
		MessageProperties properties = amqp.getMessageProperties();
		answer.getMessageProperties().setCorrelationId(properties.getCorrelationId());
		this.peer.template().send("", properties.getReplyTo(), answer);
	}

	private Message execute(String code) {
		return request(MessageType.EXECUTE_REQUEST, Map.of("code", code));
	}

	private Message request(String type, Map<String, String> content) {
		return Message.request(Header.create(type, this.session, "tester"), Map.of(), content, List.of());
	}

	private void sendToMux(Message request) {
		this.peer.sender().send(this.topology.muxExchange(), this.engineUuid, request);
	}

	private void sendToControl(Message request) {
		this.peer.sender().send(this.topology.controlExchange(), this.engineUuid, request);
	}

	/** The reply to a request, taking replies off the results queue (in order) until it arrives. */
	private Message replyTo(Message request) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			for (Message reply : this.replies) {
				if (reply.parentHeader() != null && reply.parentHeader().msgId().equals(request.header().msgId())) {
					this.replies.remove(reply);
					return reply;
				}
			}
			long left = deadline - System.nanoTime();
			assertThat(left).as("a reply to %s within %s; %s", request.msgType(), TIMEOUT, engineLogTail()).isPositive();
			org.springframework.amqp.core.Message amqp = this.peer.template()
				.receive(this.resultsQueue, Math.max(1, left / 1_000_000));
			if (amqp != null) {
				for (Accepted accepted : this.peer.inbound().acceptAll(amqp.getBody(), this.resultsQueue)) {
					this.replies.add(accepted.message());
				}
			}
		}
	}

	private String engineLogTail() {
		try {
			List<String> lines = Files.readAllLines(this.engineLog);
			return "engine log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "no engine log: " + ex.getMessage();
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return HexFormat.of().formatHex(key);
	}

}
