package io.jparallel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
 * A real engine process against the test broker, in a cluster of its own, for integration tests. The
 * fixture plays the hub (it answers the engine's registration with id 0 and keeps every other message
 * the engine sends to the hub queue) and a client: it sends requests to the engine's MUX and control
 * exchanges as the scheduler forwards them, and reads its own results queue.
 */
final class EngineProcess implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ConnectionInfo cluster = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(),
			TestBroker.randomKey(), null, null);

	private final Topology topology = this.cluster.topology();

	private final String session = "client-" + UUID.randomUUID();

	private final BlockingQueue<Message> hubInbox = new LinkedBlockingQueue<>();

	private final List<Message> replies = new ArrayList<>();

	private final ClusterConnection peer;

	private final DirectMessageListenerContainer hub;

	private final String resultsQueue;

	private final Process engine;

	private final Path engineLog;

	private final Message registration;

	/**
	 * Starts an engine and waits for it to register.
	 * @param temp the engine's temp dir (and where its connection file goes)
	 * @param logName a name for the engine's log file (in {@code target})
	 * @param arguments the engine's command-line arguments, e.g. {@code --jparallel.engine.x=y}
	 */
	EngineProcess(Path temp, String logName, String... arguments) throws IOException {
		this.peer = new ClusterConnection(this.cluster, "test-peer", false).declareExchanges();
		this.hub = playHub();
		// exclusive but not auto-deleted: receiving with a timeout must not delete it
		this.resultsQueue = this.peer.admin().declareQueue(new Queue("", false, true, false));
		this.peer.admin()
			.declareBinding(new Binding(this.resultsQueue, DestinationType.QUEUE, this.topology.resultsExchange(),
					this.session, null));
		Path connectionFile = ConnectionFiles.engineFile(temp);
		ConnectionFiles.write(connectionFile, this.cluster);
		this.engineLog = Path.of("target", logName + "-" + this.cluster.clusterId() + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djparallel.connection-file=" + connectionFile, "-Deureka.client.enabled=false", "-Dserver.port=0",
				"-Dspring.main.banner-mode=off", "-Djava.io.tmpdir=" + temp));
		Path configRepo = Path.of("..", "config-repo").toAbsolutePath().normalize();
		if (Files.isDirectory(configRepo)) {
			command.add("-Djparallel.config-repo=" + configRepo);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineApplication.class.getName()));
		command.addAll(List.of(arguments));
		this.engine = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.engineLog.toFile())
			.start();
		this.registration = await().atMost(TIMEOUT).until(this.hubInbox::poll, message -> message != null);
		assertThat(this.registration.msgType()).as(logTail()).isEqualTo(MessageType.REGISTRATION_REQUEST);
	}

	Topology topology() {
		return this.topology;
	}

	/** The test's own connection to the cluster. */
	ClusterConnection peer() {
		return this.peer;
	}

	String session() {
		return this.session;
	}

	String engineUuid() {
		return this.registration.content("uuid");
	}

	/** The engine's registration request. */
	Message registration() {
		return this.registration;
	}

	/** What the engine sent to the hub queue after registering, in order. */
	BlockingQueue<Message> hubInbox() {
		return this.hubInbox;
	}

	Process process() {
		return this.engine;
	}

	Path log() {
		return this.engineLog;
	}

	Message execute(String code) {
		return request(MessageType.EXECUTE_REQUEST, Map.of("code", code));
	}

	Message request(String type, Map<String, String> content) {
		return request(type, Map.of(), content, List.of());
	}

	Message request(String type, Map<String, String> metadata, Map<String, String> content, List<byte[]> buffers) {
		return Message.request(Header.create(type, this.session, "tester"), metadata, content, buffers);
	}

	void sendToMux(Message request) {
		this.peer.sender().send(this.topology.muxExchange(), this.engineUuid(), request);
	}

	/** Sends requests to the MUX queue as one delivery (a batch). */
	void sendBatchToMux(List<Message> requests) {
		this.peer.sender()
			.sendBatch(this.topology.muxExchange(), this.engineUuid(),
					requests.stream().map(this.peer.codec()::encode).toList());
	}

	void sendToControl(Message request) {
		this.peer.sender().send(this.topology.controlExchange(), this.engineUuid(), request);
	}

	/** The reply to a request, taking replies off the results queue (in order) until it arrives. */
	Message replyTo(Message request) {
		return replyTo(request, TIMEOUT);
	}

	/** The reply to a request within the time given. */
	Message replyTo(Message request, Duration timeout) {
		Message reply = awaitReply(request, timeout);
		assertThat(reply).as("a reply to %s within %s; %s", request.msgType(), timeout, logTail()).isNotNull();
		return reply;
	}

	/** The reply to a request if it arrives within the time given, else {@code null}. */
	Message awaitReply(Message request, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Message reply : this.replies) {
				if (reply.parentHeader() != null && reply.parentHeader().msgId().equals(request.header().msgId())) {
					this.replies.remove(reply);
					return reply;
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			org.springframework.amqp.core.Message amqp = this.peer.template()
				.receive(this.resultsQueue, Math.max(1, left / 1_000_000));
			if (amqp != null) {
				for (Accepted accepted : this.peer.inbound().acceptAll(amqp.getBody(), this.resultsQueue)) {
					this.replies.add(accepted.message());
				}
			}
		}
	}

	/** The last lines of the engine's log, for assertion messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.engineLog);
			return "engine log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "no engine log: " + ex.getMessage();
		}
	}

	@Override
	public void close() {
		if (this.engine.isAlive()) {
			this.engine.destroyForcibly();
		}
		this.hub.stop();
		this.hub.destroy();
		this.peer.admin().deleteQueue(this.topology.hubQueue());
		this.peer.close();
	}

	private DirectMessageListenerContainer playHub() {
		Queue hubQueue = new Queue(this.topology.hubQueue(), false, false, false);
		this.peer.admin().declareQueue(hubQueue);
		DirectMessageListenerContainer container = new DirectMessageListenerContainer(this.peer.connectionFactory());
		container.setQueueNames(hubQueue.getName());
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setMessageListener(this::answerAsHub);
		container.afterPropertiesSet();
		container.start();
		return container;
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


}
