package io.jparallel.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

import static io.jparallel.hub.audit.TaskRecordTests.aReplyTo;
import static io.jparallel.hub.audit.TaskRecordTests.anExecuteRequest;
import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ AuditWriter.class, AuditWriterTests.Clocks.class })
class AuditWriterTests {

	@Autowired
	private AuditWriter writer;

	@Autowired
	private TaskRepository tasks;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> "jdbc:h2:file:" + createTempDir().resolve("db/hub")
				+ ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void requestAndReplyInOneBatchMakeOneRecord() {
		Message request = anExecuteRequest();
		Message reply = aReplyTo(request, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK));

		this.writer.write(List.of(new AuditedMessage(request, 300), new AuditedMessage(reply, 100)));

		assertThat(this.tasks.findById(request.header().msgId())).hasValueSatisfying(task -> {
			assertThat(task.getSession()).isEqualTo("client-1");
			assertThat(task.getEngineId()).isEqualTo(2);
			assertThat(task.getStatus()).isEqualTo("ok");
			assertThat(task.getRequestBytes()).isEqualTo(300);
			assertThat(task.getResultBytes()).isEqualTo(100);
		});
	}

	@Test
	void replyInALaterBatchCompletesTheRecord() {
		Message request = anExecuteRequest();
		this.writer.write(List.of(new AuditedMessage(request, 300)));
		assertThat(this.tasks.findById(request.header().msgId())).map(TaskRecord::getStatus).isEmpty();

		this.writer.write(List.of(new AuditedMessage(aReplyTo(request, Map.of(MetadataKeys.STATUS, "ok")), 100)));

		assertThat(this.tasks.findById(request.header().msgId())).map(TaskRecord::getCompleted).isPresent();
	}

	@Test
	void largeBatchIsWrittenInOneGo() {
		List<AuditedMessage> batch = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			Message request = anExecuteRequest();
			ids.add(request.header().msgId());
			batch.add(new AuditedMessage(request, 200));
			batch.add(new AuditedMessage(aReplyTo(request, Map.of(MetadataKeys.STATUS, "ok")), 100));
		}

		assertThat(this.writer.write(batch)).isEqualTo(500);
		assertThat(this.tasks.findAllById(ids)).hasSize(500).allSatisfy(task -> assertThat(task.getEngineId()).isEqualTo(2));
	}

	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-audit-tests");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
