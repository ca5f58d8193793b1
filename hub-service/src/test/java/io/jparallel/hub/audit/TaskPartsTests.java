package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

import static io.jparallel.hub.audit.AuditMessages.CODEC;
import static io.jparallel.hub.audit.AuditMessages.SUBMITTED;
import static io.jparallel.hub.audit.AuditMessages.executeRequest;
import static io.jparallel.hub.audit.AuditMessages.okReply;
import static io.jparallel.hub.audit.AuditMessages.reply;
import static org.assertj.core.api.Assertions.assertThat;

class TaskPartsTests {

	private static final Instant RECEIVED = SUBMITTED.plusSeconds(1);

	@Test
	void requestTellsItsHeaderRouteTargetLabelCodeAndBytes() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "2");
		byte[] encoded = CODEC.encode(request);

		RequestPart part = TaskParts.request(request, encoded);

		assertThat(part.msgId()).isEqualTo(request.header().msgId());
		assertThat(part.header().msgType()).isEqualTo("execute_request");
		assertThat(part.header().session()).isEqualTo("client-1");
		assertThat(part.header().username()).isEqualTo("alice");
		assertThat(part.header().date()).isEqualTo(SUBMITTED);
		assertThat(part.header().json()).contains("\"msg_id\":\"" + request.header().msgId() + "\"")
			.contains("\"date\":\"2026-11-02T10:00:00Z\"");
		assertThat(part.queue()).isEqualTo("mux");
		assertThat(part.target()).isEqualTo("2");
		assertThat(part.engine()).isEqualTo(2);
		assertThat(part.isBroadcast()).isFalse();
		assertThat(part.label()).isEqualTo("sums");
		assertThat(part.executeInput()).isEqualTo("1 + 1");
		assertThat(part.content()).isEqualTo("{\"code\":\"1 + 1\"}");
		assertThat(part.metadata()).contains("\"route\":\"mux\"");
		assertThat(part.bytes()).isSameAs(encoded);
	}

	@Test
	void broadcastNamesItsEngines() {
		RequestPart part = TaskParts.request(executeRequest(MetadataKeys.ROUTE_BROADCAST, "0, 2,1"), new byte[1]);

		assertThat(part.isBroadcast()).isTrue();
		assertThat(part.engines()).containsExactly(0, 2, 1);
		assertThat(part.engine()).isNull();
	}

	@Test
	void broadcastWithUnreadableTargetsIsOneRecord() {
		RequestPart part = TaskParts.request(executeRequest(MetadataKeys.ROUTE_BROADCAST, "0,two"), new byte[1]);

		assertThat(part.isBroadcast()).isFalse();
		assertThat(part.target()).isEqualTo("0,two");
	}

	@Test
	void onlyExecuteRequestsHaveAnExecuteInput() {
		Message apply = Message.request(Header.create(MessageType.APPLY_REQUEST, "client-1", "alice"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK), Map.of("code", "not code"), List.of(new byte[] { 1 }));

		assertThat(TaskParts.request(apply, new byte[1]).executeInput()).isNull();
	}

	@Test
	void replyTellsEngineTimesOutputAndTheRequestsHeader() {
		Message request = executeRequest(MetadataKeys.ROUTE_MUX, "2");
		Message reply = okReply(request, 2);
		byte[] encoded = CODEC.encode(reply);

		ReplyPart part = TaskParts.reply(reply, encoded, RECEIVED);

		assertThat(part.requestId()).isEqualTo(request.header().msgId());
		assertThat(part.requestHeader().msgType()).isEqualTo("execute_request");
		assertThat(part.requestHeader().date()).isEqualTo(SUBMITTED);
		assertThat(part.engineId()).isEqualTo(2);
		assertThat(part.engineUuid()).isEqualTo("engine-uuid-2");
		assertThat(part.started()).isEqualTo(SUBMITTED.plusMillis(5));
		assertThat(part.completed()).isEqualTo(SUBMITTED.plusMillis(25));
		assertThat(part.received()).isEqualTo(RECEIVED);
		assertThat(part.status()).isEqualTo("ok");
		assertThat(part.ename()).isNull();
		assertThat(part.error()).isNull();
		assertThat(part.stdout()).isEqualTo("hello\n");
		assertThat(part.stderr()).isEmpty();
		assertThat(part.executeResult()).isEqualTo("2");
		assertThat(part.header()).contains("\"msg_type\":\"execute_reply\"");
		assertThat(part.bytes()).isSameAs(encoded);
	}

	@Test
	void errorReplyTellsNameAndValue() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message reply = reply(request, 1, Replies.errorContent("java.lang.ArithmeticException", "/ by zero", "trace"));

		ReplyPart part = TaskParts.reply(reply, new byte[1], RECEIVED);

		assertThat(part.status()).isEqualTo("error");
		assertThat(part.ename()).isEqualTo("java.lang.ArithmeticException");
		assertThat(part.error()).isEqualTo("java.lang.ArithmeticException: / by zero");
	}

	@Test
	void replyWithoutStatusIsAnErrorIfItNamesOne() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);

		assertThat(TaskParts.reply(reply(request, 1, Map.of()), new byte[1], RECEIVED).status()).isEqualTo("ok");
		assertThat(TaskParts.reply(reply(request, 1, Map.of(MetadataKeys.ENAME, "X")), new byte[1], RECEIVED).status())
			.isEqualTo("error");
	}

	@Test
	void malformedReplyMetadataIsLeftOut() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message reply = new Message(Header.create("execute_reply", "engine", "alice"), request.header(),
				Map.of(MetadataKeys.ENGINE_ID, "two", MetadataKeys.STARTED, "yesterday"), Map.of(), List.of());

		ReplyPart part = TaskParts.reply(reply, new byte[1], RECEIVED);

		assertThat(part.engineId()).isNull();
		assertThat(part.started()).isNull();
	}

	@Test
	void onlyRequestsAndRepliesMakeRecords() {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message notice = Message.request(Header.create(MessageType.TASK_DONE, "engine", "engine"), Map.of(),
				Map.of(MetadataKeys.RESULTS, "x:ok"), List.of());
		Message refusal = new Message(Header.create(MessageType.PLACEMENT_ERROR, "scheduler", "scheduler"),
				request.header(), Map.of(), Map.of(), List.of());

		assertThat(TaskParts.isRequest(request)).isTrue();
		assertThat(TaskParts.isReply(okReply(request, 0))).isTrue();
		assertThat(TaskParts.isRequest(notice) || TaskParts.isReply(notice)).isFalse();
		assertThat(TaskParts.isRequest(refusal) || TaskParts.isReply(refusal)).isFalse();
	}

}
