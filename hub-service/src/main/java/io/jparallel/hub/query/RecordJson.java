package io.jparallel.hub.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Tuple;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.hub.query.TaskFields.Field;

/**
 * Task records as queries return them: a map of property name to value, instants as ISO-8601 strings, the
 * JSON text of headers, metadata and content embedded as JSON.
 */
public final class RecordJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RecordJson() {
	}

	/** One selected row; the tuple's aliases are the fields' property names. */
	public static Map<String, Object> of(Tuple row, List<Field> fields) {
		Map<String, Object> record = new LinkedHashMap<>();
		for (Field field : fields) {
			record.put(field.property(), value(field, row.get(field.property())));
		}
		return record;
	}

	static Object value(Field field, Object value) {
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		if (field.json() && value instanceof String text && !text.isBlank()) {
			try {
				return JSON.readValue(text, Object.class);
			}
			catch (JacksonException ex) {
				return text;
			}
		}
		return value;
	}

	/** Records as a JSON array. */
	public static String toJson(List<Map<String, Object>> records) {
		return JSON.writeValueAsString(records);
	}

	/** The size of one record as JSON, for the reply's size budget. */
	static int jsonSize(Map<String, Object> record) {
		return JSON.writeValueAsBytes(record).length;
	}

}
