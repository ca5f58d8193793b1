package io.jparallel.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes JSON as plain Java values: objects are {@code Map<String, Object>} (in document order),
 * arrays {@code List<Object>}, strings, numbers ({@code Long}, {@code BigInteger} or {@code BigDecimal} as read;
 * any {@code Number} written), booleans and {@code null}. For the small documents of a process's start, where
 * Jackson's data binding cost more to set up than the document was worth (see the package's comment).
 */
public final class JsonDocuments {

	private static final JsonFactory FACTORY = new JsonFactory();

	private JsonDocuments() {
	}

	/**
	 * The document's value.
	 * @throws IllegalArgumentException if it is not one complete JSON value
	 */
	public static @Nullable Object parse(String json) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new IllegalArgumentException("Empty JSON document");
			}
			Object value = value(parser, first);
			if (parser.nextToken() != null) {
				throw new IllegalArgumentException("Unexpected content after the JSON value at "
						+ parser.currentLocation().getCharOffset());
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Malformed JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The document's top-level object.
	 * @throws IllegalArgumentException if the document is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, @Nullable Object> parseObject(String json) {
		Object value = parse(json);
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("Expected a JSON object, got " + describe(value));
		}
		return (Map<String, @Nullable Object>) value;
	}

	/** The value as compact JSON. */
	public static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, false, 0);
		return out.toString();
	}

	/** The value as JSON indented by two spaces, one member or element per line (for files people read). */
	public static String writePretty(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, true, 0);
		return out.append('\n').toString();
	}

	/** What kind of JSON value this is, for error messages. */
	public static String describe(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map<?, ?>) {
			return "an object";
		}
		if (value instanceof List<?>) {
			return "an array";
		}
		if (value instanceof String text) {
			return "the string \"" + text + "\"";
		}
		return value.toString();
	}

	private static @Nullable Object value(JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT -> {
				Map<String, @Nullable Object> object = new LinkedHashMap<>();
				JsonToken next;
				while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					object.put(name, value(parser, parser.nextToken()));
				}
				expect(next, JsonToken.END_OBJECT);
				return object;
			}
			case START_ARRAY -> {
				List<@Nullable Object> array = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
					array.add(value(parser, next));
				}
				expect(next, JsonToken.END_ARRAY);
				return array;
			}
			case VALUE_STRING -> {
				return parser.getString();
			}
			case VALUE_NUMBER_INT -> {
				BigInteger number = parser.getBigIntegerValue();
				return (number.bitLength() < 64) ? (Object) number.longValue() : number;
			}
			case VALUE_NUMBER_FLOAT -> {
				return parser.getDecimalValue();
			}
			case VALUE_TRUE -> {
				return Boolean.TRUE;
			}
			case VALUE_FALSE -> {
				return Boolean.FALSE;
			}
			case VALUE_NULL -> {
				return null;
			}
			default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
		}
	}

	private static void expect(@Nullable JsonToken token, JsonToken expected) {
		if (token != expected) {
			throw new IllegalArgumentException("Malformed JSON: expected " + expected + ", got " + token);
		}
	}

	private static void write(StringBuilder out, @Nullable Object value, boolean pretty, int depth) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence text) {
			quote(out, text);
		}
		else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
				|| value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
			out.append(value);
		}
		else if (value instanceof BigDecimal decimal) {
			out.append(decimal.toString());
		}
		else if (value instanceof Number number) {
			double d = number.doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new IllegalArgumentException("JSON has no " + d);
			}
			out.append(number);
		}
		else if (value instanceof Map<?, ?> map) {
			writeObject(out, map, pretty, depth);
		}
		else if (value instanceof Iterable<?> iterable) {
			writeArray(out, iterable, pretty, depth);
		}
		else {
			throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeObject(StringBuilder out, Map<?, ?> map, boolean pretty, int depth) {
		if (map.isEmpty()) {
			out.append("{}");
			return;
		}
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			newLine(out, pretty, depth + 1);
			quote(out, String.valueOf(entry.getKey()));
			out.append(pretty ? " : " : ":");
			write(out, entry.getValue(), pretty, depth + 1);
		}
		newLine(out, pretty, depth);
		out.append('}');
	}

	private static void writeArray(StringBuilder out, Iterable<?> array, boolean pretty, int depth) {
		out.append('[');
		boolean first = true;
		for (Object element : array) {
			if (!first) {
				out.append(',');
			}
			first = false;
			newLine(out, pretty, depth + 1);
			write(out, element, pretty, depth + 1);
		}
		if (!first) {
			newLine(out, pretty, depth);
		}
		out.append(']');
	}

	private static void newLine(StringBuilder out, boolean pretty, int depth) {
		if (pretty) {
			out.append('\n');
			out.append("  ".repeat(depth));
		}
	}

	private static void quote(StringBuilder out, CharSequence text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
