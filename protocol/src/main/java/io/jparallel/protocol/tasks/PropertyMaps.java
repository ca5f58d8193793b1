package io.jparallel.protocol.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.protocol.MetadataKeys;

/** Engine properties (string keys and values) as the JSON objects that carry them in messages. */
public final class PropertyMaps {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private PropertyMaps() {
	}

	/** The map as a JSON object, keys sorted. */
	public static String toJson(Map<String, String> properties) {
		try {
			return JSON.writeValueAsString(new TreeMap<>(properties));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot write properties " + properties + " as JSON", ex);
		}
	}

	/**
	 * The JSON object as a map; {@code null} or blank is empty. Values may be null (a null in a
	 * {@code set} removes the key).
	 * @throws IllegalArgumentException if it is not a JSON object of strings
	 */
	public static Map<String, String> fromJson(String json) {
		if (json == null || json.isBlank()) {
			return new LinkedHashMap<>();
		}
		try {
			return JSON.readValue(json, MAP);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Properties must be a JSON object of strings, was " + json, ex);
		}
	}

	/**
	 * The keys a {@code properties_request}'s {@code set} changes: a JSON object whose values are strings
	 * or {@code null} (removes the key), nothing else. The engine applies exactly these, and the scheduler
	 * too as the request passes it, so a task sent after {@code setProperties} returned meets the new ones.
	 * @throws IllegalArgumentException if it is anything else; nothing is changed then
	 */
	public static Map<String, String> changes(String set) {
		JsonNode node;
		try {
			node = JSON.readTree(set);
		}
		catch (JacksonException ex) {
			throw notAnObjectOfStrings(set);
		}
		if (node == null || !node.isObject()) {
			throw notAnObjectOfStrings(set);
		}
		Map<String, String> changes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				changes.put(entry.getKey(), null);
			}
			else if (value.isString()) {
				changes.put(entry.getKey(), value.stringValue());
			}
			else {
				throw new IllegalArgumentException("Property '" + entry.getKey() + "' must be set to a string or null, "
						+ "not " + value + "; nothing was changed");
			}
		}
		return changes;
	}

	private static IllegalArgumentException notAnObjectOfStrings(String set) {
		return new IllegalArgumentException(MetadataKeys.SET + " must be a JSON object of strings (null removes a key), "
				+ "was " + set + "; nothing was changed");
	}

}
