package io.jparallel.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonDocumentsTests {

	@Test
	void readsEveryKindOfValueInDocumentOrder() {
		Object value = JsonDocuments.parse("""
				{"s": "a\\"b\\\\c\\n\\u00e9", "i": 42, "big": 123456789012345678901234567890, "d": 1.50,
				 "t": true, "f": false, "n": null, "a": [1, "x", [], {}], "o": {"z": 1, "y": 2}}""");

		assertThat(value).isInstanceOf(Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> object = (Map<String, Object>) value;
		assertThat(object.keySet()).containsExactly("s", "i", "big", "d", "t", "f", "n", "a", "o");
		assertThat(object.get("s")).isEqualTo("a\"b\\c\né");
		assertThat(object.get("i")).isEqualTo(42L);
		assertThat(object.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
		assertThat(object.get("d")).isEqualTo(new BigDecimal("1.50"));
		assertThat(object.get("t")).isEqualTo(true);
		assertThat(object.get("f")).isEqualTo(false);
		assertThat(object.containsKey("n")).isTrue();
		assertThat(object.get("n")).isNull();
		assertThat(list(object.get("a"))).containsExactly(1L, "x", List.of(), Map.of());
		assertThat(list(((Map<?, ?>) object.get("o")).keySet())).containsExactly("z", "y");
	}

	@Test
	void whatItWritesReadsBackTheSameAndJacksonReadsItToo() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 line separator \u2028 é 😀");
		document.put("long", 9_007_199_254_740_993L);
		document.put("int", 7);
		document.put("decimal", new BigDecimal("2.25"));
		document.put("double", 0.5);
		document.put("bool", true);
		document.put("null", null);
		document.put("list", new ArrayList<>(Arrays.asList(1L, null, "x", Map.of("k", "v"))));
		document.put("empty", Map.of());
		document.put("emptyList", List.of());

		for (String json : List.of(JsonDocuments.write(document), JsonDocuments.writePretty(document))) {
			Map<String, Object> read = JsonDocuments.parseObject(json);
			assertThat(read.get("text")).isEqualTo(document.get("text"));
			assertThat(read.get("long")).isEqualTo(9_007_199_254_740_993L);
			assertThat(read.get("int")).isEqualTo(7L);
			assertThat(read.get("decimal")).isEqualTo(new BigDecimal("2.25"));
			assertThat(read.get("double")).isEqualTo(new BigDecimal("0.5"));
			assertThat(read.get("bool")).isEqualTo(true);
			assertThat(read).containsKey("null");
			assertThat(list(read.get("list"))).containsExactly(1L, null, "x", Map.of("k", "v"));
			assertThat(read.get("empty")).isEqualTo(Map.of());
			assertThat(read.get("emptyList")).isEqualTo(List.of());
			Map<String, Object> byJackson = JsonMapper.builder().build().readValue(json, LinkedHashMap.class);
			assertThat(byJackson.get("text")).isEqualTo(document.get("text"));
			assertThat(byJackson.keySet()).containsExactlyElementsOf(document.keySet());
		}
	}

	@Test
	void compactHasNoWhitespaceAndPrettyIndentsOneMemberPerLine() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("a", "1");
		document.put("b", List.of(2L));

		assertThat(JsonDocuments.write(document)).isEqualTo("{\"a\":\"1\",\"b\":[2]}");
		assertThat(JsonDocuments.writePretty(document)).isEqualTo("{\n  \"a\" : \"1\",\n  \"b\" : [\n    2\n  ]\n}\n");
	}

	@Test
	void malformedDocumentsAreRefusedWithWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.parse("{ not json"))
			.withMessageStartingWith("Malformed JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.parse(""))
			.withMessageContaining("Empty JSON document");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.parse("{\"a\":1} {\"b\":2}"))
			.withMessageContaining("after the JSON value");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.parse("[1, 2"))
			.withMessageStartingWith("Malformed JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.parseObject("[1]"))
			.withMessage("Expected a JSON object, got an array");
	}

	@Test
	void valuesJsonCannotHoldAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.write(Map.of("d", Double.NaN)))
			.withMessageContaining("NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonDocuments.write(Map.of("o", new Object())))
			.withMessageContaining("java.lang.Object");
	}

	private static List<Object> list(Object value) {
		return new ArrayList<>((java.util.Collection<?>) value);
	}

}
