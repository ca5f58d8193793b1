package io.jparallel.hub.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class QueryParserTests {

	@Test
	void aPlainValueIsEquality() {
		assertThat(QueryParser.parse("{\"msgId\": \"abc\"}")).singleElement().satisfies(condition -> {
			assertThat(condition.field().property()).isEqualTo("msgId");
			assertThat(condition.operator()).isEqualTo(Operator.EQ);
			assertThat(condition.value()).isEqualTo("abc");
		});
	}

	@Test
	void everyOperatorIsReadWithValuesOfTheFieldsKind() {
		List<Condition> conditions = QueryParser.parse("""
				{"engineId": {"$lt": 3, "$gt": 0, "$lte": 2, "$gte": 1, "$eq": 2, "$ne": 5},
				 "status": {"$in": ["ok", "error"], "$nin": ["pending"]},
				 "label": {"$exists": true, "$glob": "warm*"}}
				""");

		assertThat(conditions).extracting(c -> c.field().property(), Condition::operator, Condition::value)
			.containsExactly(tuple("engineId", Operator.LT, 3L), tuple("engineId", Operator.GT, 0L),
					tuple("engineId", Operator.LTE, 2L), tuple("engineId", Operator.GTE, 1L),
					tuple("engineId", Operator.EQ, 2L), tuple("engineId", Operator.NE, 5L),
					tuple("status", Operator.IN, List.of("ok", "error")), tuple("status", Operator.NIN, List.of("pending")),
					tuple("label", Operator.EXISTS, true), tuple("label", Operator.GLOB, "warm*"));
	}

	@Test
	void snakeCaseAndIpyparallelNamesNameTheRecordsProperties() {
		List<Condition> conditions = QueryParser.parse("""
				{"msg_id": "a", "engine_uuid": "u", "client_uuid": "c", "engine_id": 1, "result_header": "h",
				 "execute_input": "x", "session": "s", "recorded_at": {"$exists": true}}
				""");

		assertThat(conditions).extracting(c -> c.field().property())
			.containsExactly("msgId", "engineUuid", "clientUuid", "engineId", "resultHeader", "executeInput",
					"clientUuid", "recordedAt");
	}

	@Test
	void instantsAreIsoStringsReadAsInstants() {
		assertThat(QueryParser.parse("{\"submitted\": {\"$gte\": \"2025-01-31T12:00:00Z\", "
				+ "\"$lt\": \"2025-01-31T14:00:00+01:00\"}}"))
			.extracting(Condition::value)
			.containsExactly(Instant.parse("2025-01-31T12:00:00Z"), Instant.parse("2025-01-31T13:00:00Z"));
	}

	@Test
	void nullMeansMissingForEqualityAndInLists() {
		assertThat(QueryParser.parse("{\"completed\": null, \"label\": {\"$ne\": null}, \"engineId\": {\"$in\": [null, 2]}}"))
			.extracting(Condition::operator, Condition::value)
			.containsExactly(tuple(Operator.EQ, null), tuple(Operator.NE, null), tuple(Operator.IN, Arrays.asList(null, 2L)));
	}

	@Test
	void numbersAreAcceptedAsTextForTextFieldsAndNumericStringsForNumbers() {
		assertThat(QueryParser.parse("{\"target\": 1, \"engineId\": \"2\"}")).extracting(Condition::value)
			.containsExactly("1", 2L);
	}

	@Test
	void anEmptyQueryMatchesEverything() {
		assertThat(QueryParser.parse("{}")).isEmpty();
		assertThat(QueryParser.parse("  ")).isEmpty();
		assertThat(QueryParser.parse(null)).isEmpty();
	}

	@Test
	void theRawBytesMayOnlyBeTestedForPresence() {
		assertThat(QueryParser.parse("{\"reply_bytes\": {\"$exists\": false}}")).singleElement()
			.satisfies(condition -> assertThat(condition.field().property()).isEqualTo("replyBytes"));
		assertInvalid("{\"requestBytes\": \"x\"}", "raw bytes");
	}

	@Test
	void malformedQueriesAreInvalidAndSayWhy() {
		assertInvalid("{\"msgId\": ", "malformed JSON");
		assertInvalid("not json", "malformed JSON");
		assertInvalid("[1, 2]", "JSON object");
		assertInvalid("\"msgId\"", "JSON object");
		assertInvalid("{\"msgId\": 1, \"msgId\": 2}", "malformed JSON");
		assertInvalid("{\"nonsense\": 1}", "unknown field 'nonsense'");
		assertInvalid("{\"engineId\": {\"$regex\": \"1\"}}", "unknown operator '$regex' on field 'engineId'");
		assertInvalid("{\"engineId\": {\"$in\": 1}}", "$in on 'engineId' takes an array");
		assertInvalid("{\"engineId\": {\"$lt\": null}}", "needs a value");
		assertInvalid("{\"engineId\": \"zero\"}", "whole numbers");
		assertInvalid("{\"engineId\": 1.5}", "whole numbers");
		assertInvalid("{\"submitted\": {\"$gt\": \"yesterday\"}}", "'yesterday' is not an ISO-8601 instant");
		assertInvalid("{\"submitted\": {\"$gt\": 5}}", "ISO-8601");
		assertInvalid("{\"engineId\": {\"$glob\": \"1*\"}}", "$glob needs a text field");
		assertInvalid("{\"label\": {\"$glob\": 5}}", "pattern string");
		assertInvalid("{\"label\": {\"$exists\": \"yes\"}}", "true or false");
		assertInvalid("{\"label\": {\"$eq\": {\"a\": 1}}}", "single value");
		assertInvalid("{\"label\": {\"$eq\": \"a\", \"plain\": 1}}", "mixes operators");
	}

	@Test
	void keysAreFieldsWithTheMessageIdAlwaysFirst() {
		assertThat(QueryParser.keys("engine_id, status,msgId")).extracting(TaskFields.Field::property)
			.containsExactly("msgId", "engineId", "status");
		assertThat(QueryParser.keys(null)).extracting(TaskFields.Field::property)
			.contains("id", "msgId", "content", "resultContent", "stdout")
			.doesNotContain("requestBytes", "replyBytes");
		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> QueryParser.keys("msgId,replyBytes"))
			.withMessageContaining("raw bytes");
		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> QueryParser.keys("nope"))
			.withMessageContaining("unknown field 'nope'");
	}

	@Test
	void globsBecomeEscapedLikePatterns() {
		assertThat(TaskSpecifications.likePattern("warm*")).isEqualTo("warm%");
		assertThat(TaskSpecifications.likePattern("a?c")).isEqualTo("a_c");
		assertThat(TaskSpecifications.likePattern("100%_done\\*")).isEqualTo("100\\%\\_done\\\\%");
	}

	private static void assertInvalid(String query, String message) {
		assertThatExceptionOfType(InvalidQueryException.class).as(query)
			.isThrownBy(() -> QueryParser.parse(query))
			.withMessageContaining(message);
	}

}
