package io.jparallel.protocol.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.json.JsonDocuments;

/** Engine properties (string keys and values) as the JSON objects that carry them in messages. */
public final class PropertyMaps {

	private PropertyMaps() {
	}

	/** The map as a JSON object, keys sorted. */
	public static String toJson(Map<String, String> properties) {
		return JsonDocuments.write(new TreeMap<>(properties));
	}

	/**
	 * The JSON object as a map; {@code null} or blank is empty. Values may be null (a null in a
	 * {@code set} removes the key); numbers and booleans are read as their text.
	 * @throws IllegalArgumentException if it is not a JSON object of strings
	 */
	public static Map<String, String> fromJson(String json) {
		if (json == null || json.isBlank()) {
			return new LinkedHashMap<>();
		}
		try {
			return fromObject(JsonDocuments.parseObject(json));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Properties must be a JSON object of strings, was " + json, ex);
		}
	}

	/**
	 * A parsed JSON object ({@link JsonDocuments}) as properties: numbers and booleans as their text.
	 * @throws IllegalArgumentException if a value is an object or an array
	 */
	public static Map<String, String> fromObject(Map<?, ?> object) {
		Map<String, String> properties = new LinkedHashMap<>();
		object.forEach((key, value) -> {
			if (value instanceof Map<?, ?> || value instanceof List<?>) {
				throw new IllegalArgumentException("Property '" + key + "' must be a string, not "
						+ JsonDocuments.describe(value));
			}
			properties.put(String.valueOf(key), (value != null) ? value.toString() : null);
		});
		return properties;
	}

	/**
	 * The keys a {@code properties_request}'s {@code set} changes: a JSON object whose values are strings
	 * or {@code null} (removes the key), nothing else. The engine applies exactly these, and the scheduler
	 * too as the request passes it, so a task sent after {@code setProperties} returned meets the new ones.
	 * @throws IllegalArgumentException if it is anything else; nothing is changed then
	 */
	public static Map<String, String> changes(String set) {
		Map<String, Object> object;
		try {
			object = JsonDocuments.parseObject(set);
		}
		catch (IllegalArgumentException ex) {
			throw notAnObjectOfStrings(set);
		}
		Map<String, String> changes = new LinkedHashMap<>();
		object.forEach((key, value) -> {
			if (value == null || value instanceof String) {
				changes.put(key, (String) value);
			}
			else {
				throw new IllegalArgumentException("Property '" + key + "' must be set to a string or null, not "
						+ JsonDocuments.write(value) + "; nothing was changed");
			}
		});
		return changes;
	}

	private static IllegalArgumentException notAnObjectOfStrings(String set) {
		return new IllegalArgumentException(MetadataKeys.SET + " must be a JSON object of strings (null removes a key), "
				+ "was " + set + "; nothing was changed");
	}

}
