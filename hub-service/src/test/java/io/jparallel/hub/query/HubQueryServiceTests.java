package io.jparallel.hub.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class HubQueryServiceTests {

	private final ResultLookup results = mock(ResultLookup.class);

	private final TaskQueries queries = mock(TaskQueries.class);

	private final Resubmitter resubmitter = mock(Resubmitter.class);

	private final Purger purger = mock(Purger.class);

	private final HubQueryService service = new HubQueryService(this.results, this.queries, this.resubmitter,
			this.purger);

	@Test
	void resubmitPairsGoToTheResubmitterForTheRequestingSessionAndClassQueue() {
		given(this.resubmitter.resubmit(any(), any(), any(), any()))
			.willReturn(new Resubmitter.Resubmission(Map.of("a", "a2"), List.of("b")));

		QueryReply reply = this.service.answer(request(MessageType.RESUBMIT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, "a:a2, b:b2"), Map.of(MetadataKeys.CLASS_QUEUE, "classes-1")));

		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("a", "a2");
		expected.put("b", "b2");
		verify(this.resubmitter).resubmit(expected, "client-1", "alice", "classes-1");
		assertThat(reply.content()).containsEntry(MetadataKeys.STATUS, MetadataKeys.STATUS_OK)
			.containsEntry(MetadataKeys.RESUBMITTED, "a")
			.containsEntry(MetadataKeys.UNKNOWN, "b");
	}

	@Test
	void malformedRequestsAreInvalidQueriesNeverExceptions() {
		assertInvalid(request(MessageType.RESUBMIT_REQUEST, Map.of(MetadataKeys.MSG_IDS, "a"), Map.of()), "old:new pairs");
		assertInvalid(request(MessageType.RESUBMIT_REQUEST, Map.of(MetadataKeys.MSG_IDS, "a:x,b:x"), Map.of()), "twice");
		assertInvalid(request(MessageType.PURGE_RESULTS_REQUEST, Map.of(MetadataKeys.ENGINE_ID, "one"), Map.of()),
				"engine ids");
		assertInvalid(request(MessageType.PURGE_RESULTS_REQUEST, Map.of(), Map.of()), "msg_ids, engine_id or all=true");
		assertInvalid(request(MessageType.RESULT_STATUS_REQUEST, Map.of(MetadataKeys.MSG_IDS, " , "), Map.of()),
				"needs content msg_ids");
		assertInvalid(request(MessageType.ENGINE_LIST_REQUEST, Map.of(), Map.of()), "no query engine_list_request");
		verifyNoInteractions(this.resubmitter, this.purger, this.results);
	}

	@Test
	void aFailureIsAnErrorReplyNamingTheException() {
		given(this.queries.history()).willThrow(new IllegalStateException("database down"));

		QueryReply reply = this.service.answer(request(MessageType.HUB_HISTORY_REQUEST, Map.of(), Map.of()));

		assertThat(reply.content()).containsEntry(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR)
			.containsEntry(MetadataKeys.ENAME, IllegalStateException.class.getName())
			.containsEntry(MetadataKeys.EVALUE, "database down");
	}

	@Test
	void purgeNamesIdsEnginesOrAll() {
		given(this.purger.purge(any())).willReturn(4);

		QueryReply reply = this.service.answer(request(MessageType.PURGE_RESULTS_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, "a,b", MetadataKeys.ENGINE_ID, "0,2"), Map.of()));

		verify(this.purger).purge(new Purger.Target(false, List.of("a", "b"), List.of(0, 2)));
		assertThat(reply.content()).containsEntry(MetadataKeys.PURGED, "4");
	}

	private void assertInvalid(Message request, String message) {
		QueryReply reply = this.service.answer(request);
		assertThat(reply.content()).as(request.content().toString())
			.containsEntry(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR)
			.containsEntry(MetadataKeys.ENAME, InvalidQueryException.ENAME);
		assertThat(reply.content().get(MetadataKeys.EVALUE)).contains(message);
	}

	private static Message request(String type, Map<String, String> content, Map<String, String> metadata) {
		return Message.request(Header.create(type, "client-1", "alice"), metadata, content, List.of());
	}

}
