package io.jparallel.hub.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a task record a query may name: the properties of
 * {@link io.jparallel.hub.audit.TaskRecord}, also by their snake_case names (ipyparallel's {@code msg_id},
 * {@code engine_uuid}, {@code client_uuid}, ...) and a few ipyparallel aliases ({@code session},
 * {@code buffers}, {@code result_buffers}).
 */
public final class TaskFields {

	/** What a field holds, which decides how query values are read. */
	public enum Kind {

		/** Text; compared as strings, {@code $glob} allowed. */
		TEXT,
		/** A whole number. */
		NUMBER,
		/** An instant; query values are ISO-8601 strings. */
		INSTANT,
		/** Raw signed bytes: only tested with {@code $exists}, never returned. */
		BYTES

	}

	/**
	 * One queryable field.
	 *
	 * @param property the entity property
	 * @param kind what it holds
	 * @param json whether its text is JSON (returned embedded, not as a string)
	 */
	public record Field(String property, Kind kind, boolean json) {

		public boolean rawBytes() {
			return this.kind == Kind.BYTES;
		}

	}

	private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

	private static final Map<String, String> ALIASES = Map.of("session", "clientUuid", "buffers", "requestBytes",
			"result_buffers", "replyBytes", "date", "submitted");

	static {
		text("id");
		text("msgId");
		text("msgType");
		text("queue");
		json("header");
		json("metadata");
		json("content");
		add("requestBytes", Kind.BYTES);
		add("requestSize", Kind.NUMBER);
		add("submitted", Kind.INSTANT);
		text("clientUuid");
		text("username");
		text("label");
		text("executeInput");
		text("target");
		add("engineId", Kind.NUMBER);
		text("engineUuid");
		add("started", Kind.INSTANT);
		add("completed", Kind.INSTANT);
		add("received", Kind.INSTANT);
		text("resubmitted");
		json("resultHeader");
		json("resultMetadata");
		json("resultContent");
		add("replyBytes", Kind.BYTES);
		add("resultSize", Kind.NUMBER);
		text("status");
		text("ename");
		text("error");
		text("stdout");
		text("stderr");
		text("executeResult");
		add("recordedAt", Kind.INSTANT);
	}

	private TaskFields() {
	}

	private static void text(String property) {
		add(property, Kind.TEXT);
	}

	private static void json(String property) {
		FIELDS.put(property, new Field(property, Kind.TEXT, true));
	}

	private static void add(String property, Kind kind) {
		FIELDS.put(property, new Field(property, kind, false));
	}

	/**
	 * The field a query names.
	 * @throws InvalidQueryException if there is none
	 */
	public static Field resolve(String name) {
		Field field = find(name);
		if (field == null) {
			throw new InvalidQueryException("unknown field '" + name + "' (fields: " + String.join(", ", FIELDS.keySet())
					+ "; their snake_case names, such as msg_id, are accepted too)");
		}
		return field;
	}

	private static Field find(String name) {
		if (name == null || name.isEmpty()) {
			return null;
		}
		Field field = FIELDS.get(name);
		if (field != null) {
			return field;
		}
		String alias = ALIASES.get(name);
		if (alias != null) {
			return FIELDS.get(alias);
		}
		return FIELDS.get(camelCase(name));
	}

	/** {@code engine_uuid} as {@code engineUuid}. */
	static String camelCase(String name) {
		StringBuilder camel = new StringBuilder(name.length());
		boolean upper = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '_') {
				upper = camel.length() > 0;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	/** The field {@code property}, which must exist. */
	public static Field of(String property) {
		Field field = FIELDS.get(property);
		if (field == null) {
			throw new IllegalArgumentException("No task field " + property);
		}
		return field;
	}

	/** Every field a query returns when it names none: all but the raw bytes, in record order. */
	public static List<Field> returnable() {
		return FIELDS.values().stream().filter(field -> !field.rawBytes()).toList();
	}

	/** Every field, by property name. */
	public static Map<String, Field> all() {
		return Collections.unmodifiableMap(FIELDS);
	}

}
