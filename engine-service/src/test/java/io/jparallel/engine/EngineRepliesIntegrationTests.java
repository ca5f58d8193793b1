package io.jparallel.engine;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real engine process (see {@link EngineProcess}) answering lone requests: each reply, sent by the
 * engine's runner thread, arrives once; code that only gives a variable a literal behaves as JShell's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRepliesIntegrationTests {

	private EngineProcess engine;

	@BeforeAll
	void startEngine(@TempDir Path temp) throws Exception {
		this.engine = new EngineProcess(temp, "engine-replies-it");
	}

	@AfterAll
	void stopEngine() {
		if (this.engine != null) {
			this.engine.close();
		}
	}

	@Test
	void aLiteralAssignedToAVariableIsDisplayedAndSeenByLaterCodeAndEveryReplyArrivesOnce() {
		Message declare = send("int x = 1;");
		Message assign = send("x = 5;");
		Message redeclare = send("int x = 20;");
		Message read = send("x * 2");
		Message rejected = send("x = 2147483648;");

		assertThat(display(this.engine.replyTo(declare))).isNull();
		assertThat(display(this.engine.replyTo(assign))).isEqualTo("5");
		assertThat(display(this.engine.replyTo(redeclare))).isNull();
		Message doubled = this.engine.replyTo(read);
		assertThat(display(doubled)).isEqualTo("40");
		assertThat(doubled.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("4");
		Message error = this.engine.replyTo(rejected);
		assertThat(error.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(error.content(MetadataKeys.EVALUE)).contains("integer number too large");
		// replies come in order: a second reply to any request would have been taken (and kept) before this one's
		Message last = send("x");
		assertThat(display(this.engine.replyTo(last))).isEqualTo("20");
		assertThat(this.engine.awaitReply(declare, Duration.ZERO)).isNull();
		assertThat(this.engine.awaitReply(assign, Duration.ZERO)).isNull();
		assertThat(this.engine.awaitReply(read, Duration.ZERO)).isNull();
	}

	private Message send(String code) {
		Message request = this.engine.execute(code);
		this.engine.sendToMux(request);
		return request;
	}

	private static String display(Message reply) {
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		return reply.content("display");
	}

}
