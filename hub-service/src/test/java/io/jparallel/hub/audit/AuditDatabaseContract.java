package io.jparallel.hub.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.EngineState;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

import static io.jparallel.hub.audit.AuditMessages.CODEC;
import static io.jparallel.hub.audit.AuditMessages.SUBMITTED;
import static io.jparallel.hub.audit.AuditMessages.audited;
import static io.jparallel.hub.audit.AuditMessages.executeRequest;
import static io.jparallel.hub.audit.AuditMessages.okReply;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's tables as the migrations make them, written by the audit and read through JPA: the same tests
 * on H2 ({@link AuditH2Tests}) and PostgreSQL ({@link AuditPostgresIntegrationTests}).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ AuditDatabaseContract.AuditBeans.class, EngineRegistry.class })
abstract class AuditDatabaseContract {

	@Autowired
	private AuditWriter writer;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private AuditRetention retention;

	@Autowired
	private EngineRegistry engines;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void emptyTasks() {
		this.jdbc.update("delete from tasks");
	}

	@Test
	void migrationsRanAndHibernateValidatedTheSchema() {
		assertThat(this.jdbc.queryForList("select \"version\" from \"flyway_schema_history\" where \"success\" = true"
				+ " and \"version\" is not null order by \"installed_rank\"", String.class))
			.containsExactly("1");
	}

	@Test
	void requestThenReplyInLaterBatchesMakeOneCompleteRecord() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "2");
		Message reply = okReply(request, 2);
		byte[] requestBytes = CODEC.encode(request);
		byte[] replyBytes = CODEC.encode(reply);

		this.writer.write(List.of(new AuditedMessage(request, requestBytes)));
		assertThat(this.tasks.findById(request.header().msgId())).hasValueSatisfying(task -> {
			assertThat(task.getStatus()).isEqualTo("pending");
			assertThat(task.getEngineId()).isEqualTo(2);
			assertThat(task.getReceived()).isNull();
		});
		this.writer.write(List.of(new AuditedMessage(reply, replyBytes)));

		TaskRecord task = this.tasks.findById(request.header().msgId()).orElseThrow();
		assertThat(task.getId()).isEqualTo(request.header().msgId());
		assertThat(task.getMsgId()).isEqualTo(request.header().msgId());
		assertThat(task.getMsgType()).isEqualTo("execute_request");
		assertThat(task.getQueue()).isEqualTo("mux");
		assertThat(task.getHeader()).contains("\"msg_type\":\"execute_request\"");
		assertThat(task.getMetadata()).contains("\"route\":\"mux\"").contains("\"label\":\"sums\"");
		assertThat(task.getContent()).isEqualTo("{\"code\":\"1 + 1\"}");
		assertThat(task.getRequestBytes()).isEqualTo(requestBytes);
		assertThat(task.getRequestSize()).isEqualTo(requestBytes.length);
		assertThat(task.getSubmitted()).isEqualTo(SUBMITTED);
		assertThat(task.getClientUuid()).isEqualTo("client-1");
		assertThat(task.getUsername()).isEqualTo("alice");
		assertThat(task.getLabel()).isEqualTo("sums");
		assertThat(task.getExecuteInput()).isEqualTo("1 + 1");
		assertThat(task.getTarget()).isEqualTo("2");
		assertThat(task.getEngineId()).isEqualTo(2);
		assertThat(task.getEngineUuid()).isEqualTo("engine-uuid-2");
		assertThat(task.getStarted()).isEqualTo(SUBMITTED.plusMillis(5));
		assertThat(task.getCompleted()).isEqualTo(SUBMITTED.plusMillis(25));
		assertThat(task.getReceived()).isAfterOrEqualTo(task.getCompleted());
		assertThat(task.getResubmitted()).isNull();
		assertThat(task.getResultHeader()).contains("\"msg_type\":\"execute_reply\"");
		assertThat(task.getResultMetadata()).contains("\"engine_id\":\"2\"");
		assertThat(task.getResultContent()).contains("\"status\":\"ok\"");
		assertThat(task.getReplyBytes()).isEqualTo(replyBytes);
		assertThat(task.getResultSize()).isEqualTo(replyBytes.length);
		assertThat(task.getStatus()).isEqualTo("ok");
		assertThat(task.getEname()).isNull();
		assertThat(task.getError()).isNull();
		assertThat(task.getStdout()).isEqualTo("hello\n");
		assertThat(task.getStderr()).isEmpty();
		assertThat(task.getExecuteResult()).isEqualTo("2");
		assertThat(task.getRecordedAt()).isNotNull();
	}

	@Test
	void replyBeforeItsRequestStillEndsInOneCompleteRecord() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message reply = AuditMessages.reply(request, 1,
				Replies.errorContent("java.lang.ArithmeticException", "/ by zero", "trace"));

		this.writer.write(List.of(audited(reply)));
		this.writer.write(List.of(audited(request)));

		assertThat(this.tasks.findAll()).singleElement().satisfies(task -> {
			assertThat(task.hasRequest()).isTrue();
			assertThat(task.hasReply()).isTrue();
			assertThat(task.getQueue()).isEqualTo("task");
			assertThat(task.getEngineId()).isEqualTo(1);
			assertThat(task.getStatus()).isEqualTo("error");
			assertThat(task.getError()).isEqualTo("java.lang.ArithmeticException: / by zero");
		});
	}

	@Test
	void broadcastRepliesSeenBeforeTheRequestEndInOneRecordPerEngine() {
		Message request = executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,1,2");
		String msgId = request.header().msgId();

		this.writer.write(List.of(audited(okReply(request, 1))));
		this.writer.write(List.of(audited(okReply(request, 2))));
		this.writer.write(List.of(audited(request), audited(okReply(request, 0))));

		assertThat(this.tasks.findByMsgIdOrderByIdAsc(msgId)).satisfiesExactly(engine0 -> {
			assertThat(engine0.getId()).isEqualTo(msgId + "@0");
			assertThat(engine0.getStatus()).isEqualTo("ok");
		}, engine1 -> {
			assertThat(engine1.getId()).isEqualTo(msgId + "@1");
			assertThat(engine1.getEngineUuid()).isEqualTo("engine-uuid-1");
			assertThat(engine1.getReplyBytes()).isNotEmpty();
			assertThat(engine1.getQueue()).isEqualTo("broadcast");
			assertThat(engine1.getTarget()).isEqualTo("0,1,2");
		}, engine2 -> assertThat(engine2.getId()).isEqualTo(msgId + "@2"));
		assertThat(this.tasks.findAll()).allSatisfy(task -> {
			assertThat(task.hasRequest()).isTrue();
			assertThat(task.hasReply()).isTrue();
		});
	}

	@Test
	void aLargeBatchIsWrittenInOneGoAndAgainChangesNothing() {
		List<AuditedMessage> batch = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
			batch.add(audited(request));
			batch.add(audited(okReply(request, i % 4)));
		}

		assertThat(this.writer.write(batch).records()).isEqualTo(1000);
		assertThat(this.writer.write(batch).records()).isEqualTo(1000);

		assertThat(this.tasks.count()).isEqualTo(1000);
		assertThat(this.tasks.totals().pending()).isZero();
	}

	@Test
	void queriesAreSpecificationsOnThePropertyNames() {
		Message ok = executeRequest(MetadataKeys.ROUTE_MUX, "3");
		Message pending = executeRequest(MetadataKeys.ROUTE_MUX, "3");
		this.writer.write(List.of(audited(ok), audited(okReply(ok, 3)), audited(pending)));

		Specification<TaskRecord> onEngine3 = (root, query, builder) -> builder.equal(root.get("engineId"), 3);
		Specification<TaskRecord> done = (root, query, builder) -> builder.isNotNull(root.get("completed"));

		assertThat(this.tasks.findAll(onEngine3)).hasSize(2);
		assertThat(this.tasks.findAll(onEngine3.and(done))).extracting(TaskRecord::getMsgId)
			.containsExactly(ok.header().msgId());
		assertThat(this.tasks.findAllByOrderByRecordedAtDescMsgIdAsc(Limit.of(1))).hasSize(1);
	}

	@Test
	void aResubmissionMadeBeforeTheAuditSeesTheRequestKeepsItsOriginal() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		String msgId = request.header().msgId();
		this.tasks.save(TaskRecord.resubmission(msgId, msgId, "original-id", Instant.now()));

		this.writer.write(List.of(audited(request), audited(okReply(request, 0))));

		assertThat(this.tasks.findById(msgId)).hasValueSatisfying(task -> {
			assertThat(task.getResubmitted()).isEqualTo("original-id");
			assertThat(task.getStatus()).isEqualTo("ok");
			assertThat(task.getExecuteInput()).isEqualTo("1 + 1");
		});
	}

	@Test
	void aRequestTheHubPublishedAgainNamesTheOneItRepeats() {
		Message original = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message again = Message.request(io.jparallel.protocol.Header.create("execute_request", "client-1", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK, MetadataKeys.RESUBMITTED, original.header().msgId()),
				original.content(), List.of());

		this.writer.write(List.of(audited(okReply(again, 1))));
		this.writer.write(List.of(audited(again)));

		assertThat(this.tasks.findById(again.header().msgId())).hasValueSatisfying(task -> {
			assertThat(task.getResubmitted()).isEqualTo(original.header().msgId());
			assertThat(task.getStatus()).isEqualTo("ok");
		});
	}

	@Test
	void retentionDeletesTheOldestAnsweredRecordsAndKeepsPendingOnes() {
		List<String> answered = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
			answered.add(request.header().msgId());
			this.writer.write(List.of(audited(request), audited(okReply(request, 0))));
		}
		Message pending = executeRequest(MetadataKeys.ROUTE_TASK, null);
		this.writer.write(List.of(audited(pending)));
		AuditRetention threeRecords = new AuditRetention(this.tasks, this.transactionManager,
				new RetentionCaps(3, Long.MAX_VALUE), Duration.ofMinutes(1));

		AuditRetention.Culled culled = threeRecords.cull();

		assertThat(culled.records()).isEqualTo(3);
		assertThat(this.tasks.findAll()).extracting(TaskRecord::getMsgId)
			.containsExactlyInAnyOrder(answered.get(3), answered.get(4), pending.header().msgId());
		assertThat(threeRecords.culledRecords()).isEqualTo(3);
		assertThat(threeRecords.cull().records()).isZero();

		long bytesOfOne = this.tasks.findById(answered.get(3)).map(task -> task.getRequestSize() + task.getResultSize())
			.orElseThrow();
		AuditRetention fewBytes = new AuditRetention(this.tasks, this.transactionManager,
				new RetentionCaps(100, bytesOfOne), Duration.ofMinutes(1));
		assertThat(fewBytes.cull().records()).isEqualTo(2);
		assertThat(this.tasks.findAll()).extracting(TaskRecord::getMsgId).containsExactly(pending.header().msgId());
		assertThat(fewBytes.cull().records()).isZero();
	}

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void statisticsCountRecordsPendingAndBytes() {
		Message done = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message pending = executeRequest(MetadataKeys.ROUTE_TASK, null);
		List<AuditedMessage> batch = List.of(audited(done), audited(okReply(done, 0)), audited(pending));
		this.writer.write(batch);

		StoredTotals totals = this.tasks.totals();

		assertThat(totals.records()).isEqualTo(2);
		assertThat(totals.pending()).isOne();
		assertThat(totals.bytes()).isEqualTo(batch.stream().mapToLong(audited -> audited.encoded().length).sum());
		assertThat(this.retention.caps().maxRecords()).isEqualTo(1_000_000);
	}

	@Test
	void enginesRoundTripWithTheirProperties() {
		String uuid = "engine-" + UUID.randomUUID();
		Instant now = Instant.parse("2026-11-02T10:00:00.123456Z");
		Engine registered = this.engines.register(uuid, "host-a", 42L, Map.of("gpu", "true"), now);
		this.engines.changeProperties(uuid, Map.of("gpu", "false", "zone", "eu"));
		this.engines.recordHeartbeats(Map.of(registered.id(), now.plusSeconds(5)));
		this.engines.markGone(uuid, EngineState.DEAD, now, now.plusSeconds(9));

		assertThat(this.engines.findByUuid(uuid)).hasValueSatisfying(engine -> {
			assertThat(engine.id()).isEqualTo(registered.id());
			assertThat(engine.hostname()).isEqualTo("host-a");
			assertThat(engine.pid()).isEqualTo(42L);
			assertThat(engine.properties()).isEqualTo(Map.of("gpu", "false", "zone", "eu"));
			assertThat(engine.registeredAt()).isEqualTo(now);
			assertThat(engine.state()).isEqualTo(EngineState.DEAD);
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AuditBeans {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		TaskTable taskTable(DataSource dataSource) {
			return new TaskTable(new JdbcTemplate(dataSource), 500);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		AuditWriter auditWriter(TaskTable table, PlatformTransactionManager transactionManager, Clock clock) {
			return new AuditWriter(table, transactionManager, clock);
		}

		@Bean
		AuditRetention auditRetention(TaskRepository tasks, PlatformTransactionManager transactionManager) {
			return new AuditRetention(tasks, transactionManager, new RetentionCaps(1_000_000, 2L << 30),
					Duration.ofHours(1));
		}

	}

}
