package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRecordTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-02T10:00:00Z");

	private static final Instant NOW = SUBMITTED.plusSeconds(1);

	@Test
	void recordTakesTheRequestThenItsReply() {
		Message request = anExecuteRequest();
		Message reply = aReplyTo(request, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK));

		TaskRecord record = TaskRecord.of(request.header().msgId(), NOW);
		record.request(request, 300);
		record.reply(reply, 120);

		assertThat(record.getMsgId()).isEqualTo(request.header().msgId());
		assertThat(record.getMsgType()).isEqualTo("execute_request");
		assertThat(record.getSession()).isEqualTo("client-1");
		assertThat(record.getUsername()).isEqualTo("alice");
		assertThat(record.getSubmitted()).isEqualTo(SUBMITTED);
		assertThat(record.getTarget()).isEqualTo("0,2");
		assertThat(record.getRoute()).isEqualTo(MetadataKeys.ROUTE_MUX);
		assertThat(record.getRequestBytes()).isEqualTo(300);
		assertThat(record.getEngineId()).isEqualTo(2);
		assertThat(record.getEngineUuid()).isEqualTo("engine-uuid-2");
		assertThat(record.getStarted()).isEqualTo(SUBMITTED.plusMillis(5));
		assertThat(record.getCompleted()).isEqualTo(SUBMITTED.plusMillis(25));
		assertThat(record.getStatus()).isEqualTo("ok");
		assertThat(record.getEname()).isNull();
		assertThat(record.getReplyType()).isEqualTo("execute_reply");
		assertThat(record.getResultBytes()).isEqualTo(120);
		assertThat(record.isNew()).isTrue();
	}

	@Test
	void replySeenFirstTellsTheRequestFromItsParentHeader() {
		Message request = anExecuteRequest();
		Message reply = aReplyTo(request,
				Replies.errorContent("java.lang.ArithmeticException", "/ by zero", "trace"));

		TaskRecord record = TaskRecord.of(request.header().msgId(), NOW);
		record.reply(reply, 900);

		assertThat(record.getMsgType()).isEqualTo("execute_request");
		assertThat(record.getSession()).isEqualTo("client-1");
		assertThat(record.getSubmitted()).isEqualTo(SUBMITTED);
		assertThat(record.getStatus()).isEqualTo("error");
		assertThat(record.getEname()).isEqualTo("java.lang.ArithmeticException");

		record.request(request, 300);
		assertThat(record.getTarget()).isEqualTo("0,2");
		assertThat(record.getStatus()).isEqualTo("error");
	}

	@Test
	void malformedReplyMetadataIsLeftOut() {
		Message request = anExecuteRequest();
		Message reply = new Message(Header.create("execute_reply", "engine", "alice"), request.header(),
				Map.of(MetadataKeys.ENGINE_ID, "two", MetadataKeys.STARTED, "yesterday"), Map.of(), List.of());

		TaskRecord record = TaskRecord.of(request.header().msgId(), NOW);
		record.reply(reply, 10);

		assertThat(record.getEngineId()).isNull();
		assertThat(record.getStarted()).isNull();
	}

	static Message anExecuteRequest() {
		Header header = new Header("request-" + java.util.UUID.randomUUID(), "execute_request", "client-1", "alice", SUBMITTED,
				Header.PROTOCOL_VERSION);
		return Message.request(header, Map.of(MetadataKeys.TARGETS, "0,2", MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX),
				Map.of("code", "1 + 1"), List.of());
	}

	static Message aReplyTo(Message request, Map<String, String> content) {
		Map<String, String> metadata = Map.of(MetadataKeys.ENGINE_ID, "2", MetadataKeys.ENGINE_UUID, "engine-uuid-2",
				MetadataKeys.STARTED, SUBMITTED.plusMillis(5).toString(), MetadataKeys.COMPLETED,
				SUBMITTED.plusMillis(25).toString());
		return Replies.reply(request, "engine-uuid-2", "alice", metadata, content, List.of());
	}

}
