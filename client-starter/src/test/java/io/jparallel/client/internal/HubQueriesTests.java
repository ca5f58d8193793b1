package io.jparallel.client.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.client.JParallelException;
import io.jparallel.client.ResultStatus;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubQueriesTests {

	private final FakeHub hub = new FakeHub();

	@Test
	void storedRepliesAreVerifiedAndDecodedPerIdWithABroadcastsEveryEngine() {
		this.hub.answer(MessageType.GET_RESULT_REQUEST,
				request -> Map.of(MetadataKeys.FOUND, "a,b,b", MetadataKeys.PENDING, "c,c", MetadataKeys.UNKNOWN, "d"),
				request -> List.of(FakeHub.storedOk("a", 0, 1, ""), FakeHub.storedOk("b", 0, 2, ""),
						FakeHub.storedOk("b", 1, 3, "")));

		StoredReplies stored = this.hub.queries().getResult(List.of("a", "b", "c", "d"));

		assertThat(this.hub.requests()).singleElement()
			.satisfies(request -> assertThat(request.content(MetadataKeys.MSG_IDS)).isEqualTo("a,b,c,d"));
		assertThat(stored.found()).containsOnlyKeys("a", "b");
		assertThat(stored.found().get("b")).extracting(reply -> reply.metadata(MetadataKeys.ENGINE_ID))
			.containsExactly("0", "1");
		assertThat(stored.pending()).containsExactlyEntriesOf(Map.of("c", 2));
		assertThat(stored.unknown()).containsExactly("d");
	}

	@Test
	void repliesTheHubLeftForAnotherRequestAreAskedForAgain() {
		this.hub.answer(MessageType.GET_RESULT_REQUEST, request -> request.content(MetadataKeys.MSG_IDS).equals("a,b")
				? Map.of(MetadataKeys.FOUND, "a", MetadataKeys.MORE, "b") : Map.of(MetadataKeys.FOUND, "b"),
				request -> List.of(FakeHub.storedOk(request.content(MetadataKeys.MSG_IDS).substring(0, 1), 0, 7, "")));

		StoredReplies stored = this.hub.queries().getResult(List.of("a", "b"));

		assertThat(this.hub.requests()).extracting(request -> request.content(MetadataKeys.MSG_IDS))
			.containsExactly("a,b", "b");
		assertThat(stored.found()).containsOnlyKeys("a", "b");
	}

	@Test
	void aStoredReplyNotSignedWithTheClusterKeyIsRefused() {
		byte[] forged = io.jparallel.protocol.wire.MessageCodec.withKey("a-different-cluster-key-0123456789".getBytes())
			.encode(FakeHub.reply("a", MessageType.APPLY_REPLY, 0, Map.of(MetadataKeys.STATUS, "ok"), List.of()));
		this.hub.answer(MessageType.GET_RESULT_REQUEST, request -> Map.of(MetadataKeys.FOUND, "a"),
				request -> List.of(forged));

		assertThatExceptionOfType(JParallelException.class)
			.isThrownBy(() -> this.hub.queries().getResult(List.of("a")))
			.withMessageContaining("stored reply to a is unreadable");
	}

	@Test
	void resultStatusListsEachKind() {
		this.hub.answer(MessageType.RESULT_STATUS_REQUEST, request -> Map.of(MetadataKeys.COMPLETED, "a",
				MetadataKeys.PENDING, "b", MetadataKeys.UNKNOWN, "c"));

		ResultStatus status = this.hub.queries().resultStatus(List.of("a", "b", "c"));

		assertThat(status.completed()).containsExactly("a");
		assertThat(status.pending()).containsExactly("b");
		assertThat(status.unknown()).containsExactly("c");
		assertThat(status.allCompleted()).isFalse();
	}

	@Test
	void dbQuerySendsTheQueryAndKeysAndReadsTheRecords() {
		this.hub.answer(MessageType.DB_QUERY_REQUEST, request -> Map.of(MetadataKeys.RECORDS,
				"[{\"msgId\":\"a\",\"engineId\":1,\"header\":{\"msg_type\":\"apply_request\"}}]", MetadataKeys.TRUNCATED,
				"true"));

		HubQueries.Records found = this.hub.queries().dbQuery("{\"engine_id\": 1}", List.of("msg_id", "engine_id"));

		Message request = this.hub.requests().get(0);
		assertThat(request.content()).containsEntry(MetadataKeys.QUERY, "{\"engine_id\": 1}")
			.containsEntry(MetadataKeys.KEYS, "msg_id,engine_id");
		assertThat(found.truncated()).isTrue();
		assertThat(found.records()).singleElement().satisfies(record -> {
			assertThat(record).containsEntry("msgId", "a").containsEntry("engineId", 1);
			assertThat(record.get("header")).isEqualTo(Map.of("msg_type", "apply_request"));
		});
	}

	@Test
	void anInvalidQueryIsAnIllegalArgumentWithTheHubsReason() {
		HubChannel refusing = request -> new Message(
				io.jparallel.protocol.Header.create(MessageType.DB_QUERY_REPLY, "hub", "hub"), request.header(), Map.of(),
				Replies.errorContent(HubQueries.INVALID_QUERY, "unknown field 'nonsense'", ""), List.of());
		HubQueries queries = new HubQueries(refusing, FakeHub.CODEC, "client-test", "tester", null);

		assertThatIllegalArgumentException().isThrownBy(() -> queries.dbQuery("{\"nonsense\": 1}", List.of()))
			.withMessage("The hub refused the db_query request: unknown field 'nonsense'");
	}

	@Test
	void anyOtherRefusalOrSilenceIsAJParallelException() {
		HubChannel failing = request -> new Message(
				io.jparallel.protocol.Header.create(MessageType.HUB_HISTORY_REPLY, "hub", "hub"), request.header(),
				Map.of(), Replies.errorContent("java.lang.IllegalStateException", "database down", ""), List.of());

		assertThatExceptionOfType(JParallelException.class)
			.isThrownBy(() -> new HubQueries(failing, FakeHub.CODEC, "s", "u", null).history())
			.withMessage("The hub could not answer the hub_history request: java.lang.IllegalStateException: database down");
		assertThatExceptionOfType(JParallelException.class).isThrownBy(() -> this.hub.queries().history())
			.withMessageContaining("is it running?");
	}

	@Test
	void resubmitSendsOldToNewPairsWithThisClientsClassQueue() {
		this.hub.answer(MessageType.RESUBMIT_REQUEST,
				request -> Map.of(MetadataKeys.RESUBMITTED, "a", MetadataKeys.UNKNOWN, "b"));

		HubQueries.Resubmitted done = this.hub.queries().resubmit(new java.util.LinkedHashMap<>(Map.of("a", "a2")));

		Message request = this.hub.requests().get(0);
		assertThat(request.content(MetadataKeys.MSG_IDS)).isEqualTo("a:a2");
		assertThat(request.metadata(MetadataKeys.CLASS_QUEUE)).isEqualTo("classes-test");
		assertThat(request.header().session()).isEqualTo("client-test");
		assertThat(done.resubmitted()).containsExactly("a");
		assertThat(done.unknown()).containsExactly("b");
	}

	@Test
	void purgeSendsWhatToPurgeAndReturnsTheCount() {
		this.hub.answer(MessageType.PURGE_RESULTS_REQUEST, request -> Map.of(MetadataKeys.PURGED, "3"));

		assertThat(this.hub.queries().purge(true, List.of(), List.of())).isEqualTo(3);
		assertThat(this.hub.queries().purge(false, List.of("a", "b"), List.of(0, 2))).isEqualTo(3);

		assertThat(this.hub.requests()).extracting(Message::content)
			.containsExactly(Map.of(MetadataKeys.ALL, "true"),
					Map.of(MetadataKeys.MSG_IDS, "a,b", MetadataKeys.ENGINE_ID, "0,2"));
	}

	@Test
	void historyIsTheIdsInOrder() {
		this.hub.answer(MessageType.HUB_HISTORY_REQUEST, request -> Map.of(MetadataKeys.MSG_IDS, "c,a,b"));

		assertThat(this.hub.queries().history()).containsExactly("c", "a", "b");
	}

}
