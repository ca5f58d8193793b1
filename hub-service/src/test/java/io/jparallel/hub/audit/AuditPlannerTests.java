package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

import static io.jparallel.hub.audit.AuditMessages.SUBMITTED;
import static io.jparallel.hub.audit.AuditMessages.executeRequest;
import static io.jparallel.hub.audit.AuditMessages.okReply;
import static io.jparallel.hub.audit.AuditMessages.reply;
import static org.assertj.core.api.Assertions.assertThat;

class AuditPlannerTests {

	private static final Instant NOW = SUBMITTED.plusSeconds(1);

	private final AuditPlanner planner = new AuditPlanner();

	private final FakeStored stored = new FakeStored();

	@Test
	void requestAndReplyInOneBatchAreOneInsert() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "2");

		AuditPlan plan = plan(request, okReply(request, 2));

		assertThat(plan.inserts()).singleElement().satisfies(record -> {
			assertThat(record.getId()).isEqualTo(request.header().msgId());
			assertThat(record.getMsgId()).isEqualTo(request.header().msgId());
			assertThat(record.getQueue()).isEqualTo("mux");
			assertThat(record.getClientUuid()).isEqualTo("client-1");
			assertThat(record.getSubmitted()).isEqualTo(SUBMITTED);
			assertThat(record.getEngineId()).isEqualTo(2);
			assertThat(record.getStarted()).isEqualTo(SUBMITTED.plusMillis(5));
			assertThat(record.getCompleted()).isEqualTo(SUBMITTED.plusMillis(25));
			assertThat(record.getReceived()).isEqualTo(NOW);
			assertThat(record.getStatus()).isEqualTo("ok");
			assertThat(record.getRequestSize()).isEqualTo(record.getRequestBytes().length).isPositive();
			assertThat(record.getResultSize()).isEqualTo(record.getReplyBytes().length).isPositive();
			assertThat(record.getRecordedAt()).isEqualTo(NOW);
		});
		assertThat(plan.requestUpdates()).isEmpty();
		assertThat(plan.replyUpdates()).isEmpty();
		assertThat(this.stored.lookups).isEqualTo(1);
	}

	@Test
	void requestAloneIsPendingAndItsReplyLaterUpdatesIt() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);

		AuditPlan first = plan(request);
		assertThat(first.inserts()).singleElement().satisfies(record -> {
			assertThat(record.getStatus()).isEqualTo(TaskRecord.PENDING);
			assertThat(record.getEngineId()).isNull();
			assertThat(record.hasReply()).isFalse();
		});
		this.stored.store(first);

		AuditPlan second = plan(okReply(request, 3));

		assertThat(second.inserts()).isEmpty();
		assertThat(second.replyUpdates()).singleElement().satisfies(record -> {
			assertThat(record.getId()).isEqualTo(request.header().msgId());
			assertThat(record.getEngineId()).isEqualTo(3);
			assertThat(record.getStatus()).isEqualTo("ok");
		});
		assertThat(second.requestUpdates()).isEmpty();
	}

	@Test
	void replyBeforeItsRequestMakesTheRecordTheRequestCompletes() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "1");
		Message reply = reply(request, 1, Replies.errorContent("java.lang.ArithmeticException", "/ by zero", "trace"));

		AuditPlan first = plan(reply);
		assertThat(first.inserts()).singleElement().satisfies(record -> {
			assertThat(record.getId()).isEqualTo(request.header().msgId());
			assertThat(record.getMsgType()).isEqualTo("execute_request");
			assertThat(record.getClientUuid()).isEqualTo("client-1");
			assertThat(record.getSubmitted()).isEqualTo(SUBMITTED);
			assertThat(record.getHeader()).contains(request.header().msgId());
			assertThat(record.getStatus()).isEqualTo("error");
			assertThat(record.getError()).isEqualTo("java.lang.ArithmeticException: / by zero");
			assertThat(record.hasRequest()).isFalse();
		});
		this.stored.store(first);

		AuditPlan second = plan(request);

		assertThat(second.inserts()).isEmpty();
		assertThat(second.replyUpdates()).isEmpty();
		assertThat(second.requestUpdates()).singleElement().satisfies(record -> {
			assertThat(record.getId()).isEqualTo(request.header().msgId());
			assertThat(record.getQueue()).isEqualTo("mux");
			assertThat(record.getExecuteInput()).isEqualTo("1 + 1");
			assertThat(record.hasRequest()).isTrue();
		});
	}

	@Test
	void broadcastIsOneRecordPerEngine() {
		Message request = executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,1,2");
		String msgId = request.header().msgId();

		AuditPlan plan = plan(request, okReply(request, 0), okReply(request, 2));

		assertThat(plan.inserts()).extracting(TaskRecord::getId)
			.containsExactly(msgId + "@0", msgId + "@1", msgId + "@2");
		assertThat(plan.inserts()).allSatisfy(record -> {
			assertThat(record.getMsgId()).isEqualTo(msgId);
			assertThat(record.getQueue()).isEqualTo("broadcast");
			assertThat(record.getTarget()).isEqualTo("0,1,2");
			assertThat(record.hasRequest()).isTrue();
		});
		assertThat(plan.inserts()).extracting(TaskRecord::getEngineId).containsExactly(0, 1, 2);
		assertThat(plan.inserts()).extracting(TaskRecord::getStatus).containsExactly("ok", "pending", "ok");
	}

	@Test
	void broadcastRepliesInALaterBatchFindTheirEnginesRecords() {
		Message request = executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,1");
		String msgId = request.header().msgId();
		this.stored.store(plan(request));

		AuditPlan plan = plan(okReply(request, 1), okReply(request, 0));

		assertThat(plan.inserts()).isEmpty();
		assertThat(plan.replyUpdates()).extracting(TaskRecord::getId).containsExactly(msgId + "@1", msgId + "@0");
	}

	@Test
	void broadcastRepliesBeforeTheRequestEndInOneRecordPerEngine() {
		Message request = executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,1");
		String msgId = request.header().msgId();
		AuditPlan replies = plan(okReply(request, 0), okReply(request, 1));
		assertThat(replies.inserts()).extracting(TaskRecord::getId).containsExactly(msgId, msgId + "@1");
		this.stored.store(replies);

		AuditPlan plan = plan(request);

		assertThat(plan.deletes()).containsExactly(msgId);
		assertThat(plan.inserts()).singleElement().satisfies(record -> {
			assertThat(record.getId()).isEqualTo(msgId + "@0");
			assertThat(record.hasRequest()).isTrue();
			assertThat(record.hasReply()).isTrue();
			assertThat(record.getEngineUuid()).isEqualTo("engine-uuid-0");
		});
		assertThat(plan.requestUpdates()).extracting(TaskRecord::getId).containsExactly(msgId + "@1");
	}

	@Test
	void broadcastReplyBeforeTheRequestInTheSameBatchMovesToItsEngine() {
		Message request = executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,1");
		String msgId = request.header().msgId();

		AuditPlan plan = plan(okReply(request, 1), request);

		assertThat(plan.deletes()).isEmpty();
		assertThat(plan.inserts()).extracting(TaskRecord::getId).containsExactly(msgId + "@1", msgId + "@0");
		assertThat(plan.inserts()).extracting(TaskRecord::getStatus).containsExactly("ok", "pending");
	}

	@Test
	void messagesSeenAgainChangeTheSameRecords() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "2");
		Message reply = okReply(request, 2);
		this.stored.store(plan(request, reply));

		AuditPlan again = plan(request, reply);

		assertThat(again.inserts()).isEmpty();
		assertThat(again.requestUpdates()).extracting(TaskRecord::getId).containsExactly(request.header().msgId());
		assertThat(again.replyUpdates()).extracting(TaskRecord::getId).containsExactly(request.header().msgId());
		assertThat(again.records()).isEqualTo(1);
	}

	@Test
	void noticesAndRefusalsOfNonRequestsMakeNoRecord() {
		Message notice = Message.request(Header.create(MessageType.TASK_DONE, "engine", "engine"), Map.of(),
				Map.of(MetadataKeys.RESULTS, "x:ok"), List.of());
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message refusal = new Message(Header.create(MessageType.PLACEMENT_ERROR, "scheduler", "scheduler"),
				request.header(), Map.of(), Map.of(), List.of());

		AuditPlan plan = plan(notice, refusal);

		assertThat(plan.skipped()).isEqualTo(2);
		assertThat(plan.inserts()).isEmpty();
		assertThat(this.stored.lookups).isZero();
	}

	private AuditPlan plan(Message... messages) {
		return this.planner.plan(List.of(messages).stream().map(AuditMessages::audited).toList(), this.stored, NOW);
	}

	/** Stored records as the table would hold them after each plan. */
	private static final class FakeStored implements StoredTasks {

		final Map<String, StoredTask> tasks = new HashMap<>();

		final Map<String, ReplyPart> replies = new HashMap<>();

		int lookups;

		void store(AuditPlan plan) {
			plan.deletes().forEach(id -> {
				this.tasks.remove(id);
				this.replies.remove(id);
			});
			plan.inserts().forEach(this::store);
			plan.requestUpdates().forEach(this::store);
			plan.replyUpdates().forEach(this::store);
		}

		private void store(TaskRecord record) {
			StoredTask before = this.tasks.get(record.getId());
			boolean hasRequest = record.hasRequest() || (before != null && before.hasRequest());
			boolean hasReply = record.hasReply() || (before != null && before.hasReply());
			String queue = (record.getQueue() != null) ? record.getQueue() : (before != null) ? before.queue() : null;
			Integer engine = (record.getEngineId() != null) ? record.getEngineId()
					: (before != null) ? before.engineId() : null;
			this.tasks.put(record.getId(), new StoredTask(record.getId(), hasRequest, hasReply, queue, engine));
			if (record.hasReply()) {
				this.replies.put(record.getId(),
						new ReplyPart(record.getMsgId(), null, record.getEngineId(), record.getEngineUuid(),
								record.getStarted(), record.getCompleted(), record.getReceived(), record.getResultHeader(),
								record.getResultMetadata(), record.getResultContent(), record.getReplyBytes(),
								record.getStatus(), record.getEname(), record.getError(), record.getStdout(),
								record.getStderr(), record.getExecuteResult()));
			}
		}

		@Override
		public Map<String, StoredTask> find(Collection<String> ids) {
			this.lookups++;
			Map<String, StoredTask> found = new HashMap<>();
			ids.forEach(id -> {
				if (this.tasks.containsKey(id)) {
					found.put(id, this.tasks.get(id));
				}
			});
			return found;
		}

		@Override
		public Optional<ReplyPart> reply(String id) {
			return Optional.ofNullable(this.replies.get(id));
		}

	}

}
