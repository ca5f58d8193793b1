package io.jparallel.protocol.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

}
