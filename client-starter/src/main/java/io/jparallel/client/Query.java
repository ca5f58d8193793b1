package io.jparallel.client;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A query of the hub's task records ({@link Client#dbQuery(Query, String...)}), written as code; every
 * condition must hold. Field names are the records' ({@code engineId}, {@code msgId}, {@code submitted})
 * or ipyparallel's ({@code engine_id}, {@code msg_id}); instants are compared as instants.
 * <pre>{@code
 * Query q = Query.where("engine_id").in(0, 1).and("label").glob("warm*")
 *     .and("submitted").gte(Instant.now().minus(Duration.ofHours(1)));
 * rc.dbQuery(q, "msg_id", "status", "engine_id");
 * q.toJson();   // {"engine_id":{"$in":[0,1]},"label":{"$glob":"warm*"},"submitted":{"$gte":"2025-..."}}
 * }</pre>
 */
public final class Query {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Map<String, Object>> fields;

	private Query(Map<String, Map<String, Object>> fields) {
		this.fields = fields;
	}

	/** A query on {@code field}; finish the condition with one of the operators. */
	public static Condition where(String field) {
		return new Query(new LinkedHashMap<>()).and(field);
	}

	/** A query every record matches. */
	public static Query all() {
		return new Query(new LinkedHashMap<>());
	}

	/** Another condition, on {@code field}. */
	public Condition and(String field) {
		if (field == null || field.isBlank()) {
			throw new IllegalArgumentException("A condition needs a field name");
		}
		return new Condition(field);
	}

	/** The query as the hub reads it: a JSON object. */
	public String toJson() {
		return JSON.writeValueAsString(this.fields);
	}

	@Override
	public String toString() {
		return toJson();
	}

	/** One condition being written: its field, waiting for an operator. */
	public final class Condition {

		private final String field;

		private Condition(String field) {
			this.field = field;
		}

		/** The field equals {@code value} ({@code null}: it is missing). */
		public Query eq(Object value) {
			return with("$eq", json(value));
		}

		/** The field differs from {@code value}, or is missing. */
		public Query ne(Object value) {
			return with("$ne", json(value));
		}

		public Query lt(Object value) {
			return with("$lt", json(value));
		}

		public Query lte(Object value) {
			return with("$lte", json(value));
		}

		public Query gt(Object value) {
			return with("$gt", json(value));
		}

		public Query gte(Object value) {
			return with("$gte", json(value));
		}

		/** The field is one of {@code values}. */
		public Query in(Object... values) {
			return in(Arrays.asList(values));
		}

		public Query in(Collection<?> values) {
			return with("$in", jsonList(values));
		}

		/** The field is none of {@code values} (or missing). */
		public Query nin(Object... values) {
			return nin(Arrays.asList(values));
		}

		public Query nin(Collection<?> values) {
			return with("$nin", jsonList(values));
		}

		/** The field is present ({@code true}) or missing ({@code false}). */
		public Query exists(boolean present) {
			return with("$exists", present);
		}

		/** The text field matches a glob: {@code *} any run of characters, {@code ?} one character. */
		public Query glob(String pattern) {
			return with("$glob", pattern);
		}

		private Query with(String operator, Object value) {
			Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
			Query.this.fields.forEach((name, operators) -> fields.put(name, new LinkedHashMap<>(operators)));
			fields.computeIfAbsent(this.field, name -> new LinkedHashMap<>()).put(operator, value);
			fields.replaceAll((name, operators) -> Collections.unmodifiableMap(operators));
			return new Query(Collections.unmodifiableMap(fields));
		}

	}

	private static Object json(Object value) {
		if (value instanceof TemporalAccessor || value instanceof CharSequence || value instanceof Character
				|| value instanceof Enum<?>) {
			return value.toString();
		}
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		throw new IllegalArgumentException("A query compares strings, numbers, booleans and instants, not "
				+ value.getClass().getName());
	}

	private static List<Object> jsonList(Collection<?> values) {
		List<Object> list = new ArrayList<>(values.size());
		values.forEach(value -> list.add(json(value)));
		return list;
	}

}
