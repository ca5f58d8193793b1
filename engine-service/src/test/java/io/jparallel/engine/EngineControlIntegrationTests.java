package io.jparallel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real engine process against a real broker, in a cluster of its own (see {@link EngineProcess}): the
 * test plays the hub and a client, sending requests to the engine's MUX and control exchanges as the
 * scheduler forwards them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class EngineControlIntegrationTests {

	private Path temp;

	private EngineProcess engine;

	@BeforeAll
	void startEngine(@TempDir Path temp) throws Exception {
		this.temp = temp;
		this.engine = new EngineProcess(temp, "engine-control-it");
	}

	@AfterAll
	void stopEngine() {
		if (this.engine != null) {
			this.engine.close();
		}
	}

	@Test
	@Order(1)
	void anAbortOvertakesQueuedWorkAndTheAbortedRequestIsAnsweredWithoutRunning() throws IOException {
		Path release = this.temp.resolve("release");
		Message slow = this.engine.execute("while (!Files.exists(Path.of(\"" + release + "\"))) { Thread.sleep(10); }");
		Message queued = this.engine.execute("int shouldNotRun = 1;");
		this.engine.sendToMux(slow);
		this.engine.sendToMux(queued);

		Message abort = this.engine.request(MessageType.ABORT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, queued.header().msgId()));
		this.engine.sendToControl(abort);

		// the slow request holds the work consumer until released, so this reply came from the control queue
		Message abortReply = this.engine.replyTo(abort);
		assertThat(abortReply.msgType()).isEqualTo(MessageType.ABORT_REPLY);
		assertThat(abortReply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(abortReply.content(MetadataKeys.ABORTED)).isEqualTo(queued.header().msgId());
		assertThat(abortReply.content(MetadataKeys.ALREADY_DONE)).isEmpty();
		assertThat(abortReply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");
		Files.createFile(release);
		Message slowReply = this.engine.replyTo(slow);
		assertThat(slowReply.content(MetadataKeys.STATUS)).as("%s", slowReply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(slowReply.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("1");
		Message abortedReply = this.engine.replyTo(queued);
		assertThat(abortedReply.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(abortedReply.content(MetadataKeys.EVALUE)).contains(abort.header().msgId());
		assertThat(abortedReply.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");

		Message check = this.engine.execute("shouldNotRun");
		this.engine.sendToMux(check);
		Message checkReply = this.engine.replyTo(check);
		assertThat(checkReply.content(MetadataKeys.ENAME)).isEqualTo("CompilationError");
		assertThat(checkReply.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("2");

		Message late = this.engine.request(MessageType.ABORT_REQUEST, Map.of(MetadataKeys.MSG_IDS, slow.header().msgId()));
		this.engine.sendToControl(late);
		assertThat(this.engine.replyTo(late).content(MetadataKeys.ALREADY_DONE)).isEqualTo(slow.header().msgId());
	}

	@Test
	@Order(2)
	void workRequestsOnTheControlQueueAreRefused() {
		Message misplaced = this.engine.execute("1 + 1");

		this.engine.sendToControl(misplaced);

		assertThat(this.engine.replyTo(misplaced).content(MetadataKeys.EVALUE))
			.isEqualTo("engine cannot handle execute_request on its control queue");
	}

	@Test
	@Order(3)
	void aShutdownRequestIsAnsweredAndTheEngineLeavesTheClusterAndExits() throws IOException {
		Message shutdown = this.engine.request(MessageType.SHUTDOWN_REQUEST, Map.of());

		this.engine.sendToControl(shutdown);

		Message reply = this.engine.replyTo(shutdown);
		assertThat(reply.msgType()).isEqualTo(MessageType.SHUTDOWN_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		Process process = this.engine.process();
		await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
		assertThat(process.exitValue()).as(this.engine.logTail()).isZero();
		Message leaving = this.engine.hubInbox().poll();
		assertThat(leaving).as(this.engine.logTail()).isNotNull();
		assertThat(leaving.msgType()).isEqualTo(MessageType.UNREGISTRATION_NOTIFICATION);
		assertThat(leaving.content("uuid")).isEqualTo(this.engine.engineUuid());
		assertThat(Files.readString(this.engine.log()))
			.contains("Engine 0 shutting down at the request of session " + this.engine.session());
		assertThat(this.temp.resolve("jparallel-engine-" + this.engine.engineUuid())).doesNotExist();
	}

}
