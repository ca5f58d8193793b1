package io.jparallel.hub.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.hub.query.TaskFields.Field;
import io.jparallel.hub.query.TaskFields.Kind;

/**
 * Reads a query as ipyparallel's {@code db_query} takes it: a JSON object of field to value (equality) or
 * to an object of operators ({@code $lt $gt $lte $gte $eq $ne $in $nin $exists $glob}), all of which must
 * hold. Every problem is an {@link InvalidQueryException} naming it.
 * <pre>{@code
 * {"engine_id": {"$in": [0, 1]}, "label": {"$glob": "warm*"}, "submitted": {"$gte": "2025-01-01T00:00:00Z"}}
 * }</pre>
 */
public final class QueryParser {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private QueryParser() {
	}

	/** The conditions of a query; a blank query or {@code {}} has none (every record matches). */
	public static List<Condition> parse(String query) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		JsonNode root;
		try {
			root = JSON.readTree(query);
		}
		catch (JacksonException ex) {
			throw new InvalidQueryException("malformed JSON query: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new InvalidQueryException("a query is a JSON object of field to value or operators, got "
					+ ((root == null || root.isMissingNode()) ? "nothing" : root.getNodeType().name().toLowerCase()));
		}
		List<Condition> conditions = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			Field field = TaskFields.resolve(entry.getKey());
			JsonNode test = entry.getValue();
			if (test.isObject() && !test.isEmpty() && operatorsOnly(test)) {
				for (Map.Entry<String, JsonNode> operator : test.properties()) {
					conditions.add(condition(field, entry.getKey(),
							Operator.of(operator.getKey(), entry.getKey()), operator.getValue()));
				}
			}
			else if (test.isObject() && !test.isEmpty() && test.propertyNames().stream().anyMatch(QueryParser::isOperator)) {
				throw new InvalidQueryException("field '" + entry.getKey()
						+ "' mixes operators with plain keys; write either {\"$op\": value, ...} or a plain value");
			}
			else {
				conditions.add(condition(field, entry.getKey(), Operator.EQ, test));
			}
		}
		return conditions;
	}

	/**
	 * The fields named by {@code keys} (comma-separated), without repeats; blank: every returnable field.
	 * The message id is always returned, as ipyparallel does.
	 * @throws InvalidQueryException for an unknown field or the raw bytes
	 */
	public static List<Field> keys(String keys) {
		if (keys == null || keys.isBlank()) {
			return TaskFields.returnable();
		}
		Set<Field> fields = new LinkedHashSet<>();
		fields.add(TaskFields.of("msgId"));
		for (String key : keys.split(",")) {
			String name = key.trim();
			if (name.isEmpty()) {
				continue;
			}
			Field field = TaskFields.resolve(name);
			if (field.rawBytes()) {
				throw new InvalidQueryException("key '" + name + "' is raw bytes, which queries never return"
						+ " (get_result returns the stored replies)");
			}
			fields.add(field);
		}
		return List.copyOf(fields);
	}

	private static boolean operatorsOnly(JsonNode test) {
		return test.propertyNames().stream().allMatch(QueryParser::isOperator);
	}

	private static boolean isOperator(String key) {
		return key.startsWith("$");
	}

	private static Condition condition(Field field, String name, Operator operator, JsonNode value) {
		if (field.rawBytes() && operator != Operator.EXISTS) {
			throw new InvalidQueryException("field '" + name + "' is raw bytes: only $exists tests it");
		}
		return switch (operator) {
			case EXISTS -> {
				if (!value.isBoolean()) {
					throw new InvalidQueryException("$exists on '" + name + "' takes true or false, got " + value);
				}
				yield new Condition(field, operator, value.booleanValue());
			}
			case IN, NIN -> {
				if (!value.isArray()) {
					throw new InvalidQueryException(operator.token() + " on '" + name + "' takes an array, got " + value);
				}
				List<Object> values = new ArrayList<>(value.size());
				for (JsonNode element : value.values()) {
					values.add(element.isNull() ? null : scalar(field, name, operator, element));
				}
				yield new Condition(field, operator, values);
			}
			case GLOB -> {
				if (field.kind() != Kind.TEXT) {
					throw new InvalidQueryException("$glob needs a text field; '" + name + "' is "
							+ field.kind().name().toLowerCase());
				}
				if (!value.isString()) {
					throw new InvalidQueryException("$glob on '" + name + "' takes a pattern string, got " + value);
				}
				yield new Condition(field, operator, value.stringValue());
			}
			case EQ, NE -> new Condition(field, operator, value.isNull() ? null : scalar(field, name, operator, value));
			case LT, GT, LTE, GTE -> {
				if (value.isNull()) {
					throw new InvalidQueryException(operator.token() + " on '" + name + "' needs a value, got null");
				}
				yield new Condition(field, operator, scalar(field, name, operator, value));
			}
		};
	}

	/** One value for a field of this kind. */
	private static Object scalar(Field field, String name, Operator operator, JsonNode value) {
		if (value.isObject() || value.isArray()) {
			throw new InvalidQueryException(operator.token() + " on '" + name + "' takes a single value, got " + value);
		}
		return switch (field.kind()) {
			case TEXT -> value.isString() ? value.stringValue() : value.asString();
			case NUMBER -> number(name, value);
			case INSTANT -> instant(name, value);
			case BYTES -> throw new InvalidQueryException("field '" + name + "' is raw bytes: only $exists tests it");
		};
	}

	private static Long number(String name, JsonNode value) {
		if (value.isIntegralNumber()) {
			return value.longValue();
		}
		if (value.isString()) {
			try {
				return Long.valueOf(value.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		throw new InvalidQueryException("field '" + name + "' holds whole numbers, got " + value);
	}

	private static Instant instant(String name, JsonNode value) {
		if (!value.isString()) {
			throw new InvalidQueryException("field '" + name + "' holds instants, written as ISO-8601 strings such as "
					+ "\"2025-01-31T12:00:00Z\", got " + value);
		}
		String text = value.stringValue().trim();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException again) {
				throw new InvalidQueryException("field '" + name + "' holds instants: '" + text
						+ "' is not an ISO-8601 instant such as \"2025-01-31T12:00:00Z\"", again);
			}
		}
	}

}
