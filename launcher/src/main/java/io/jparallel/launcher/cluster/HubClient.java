package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The little of the hub's HTTP API the launcher needs: the engine list. Absent (not an error) while the
 * hub is still starting.
 */
public final class HubClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI enginesUri;

	public HubClient(String hubUrl) {
		this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), hubUrl);
	}

	public HubClient(HttpClient http, String hubUrl) {
		this.http = http;
		this.enginesUri = URI.create(hubUrl.endsWith("/") ? hubUrl + "engines" : hubUrl + "/engines");
	}

	/** The engines, or empty if the hub does not answer (yet) with a list. */
	public Optional<List<EngineInfo>> engines() {
		HttpRequest request = HttpRequest.newBuilder(this.enginesUri)
			.timeout(Duration.ofSeconds(2))
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return Optional.empty();
			}
			return Optional.of(parse(response.body()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** Parses the hub's JSON array of engines; unknown fields are ignored. */
	public static List<EngineInfo> parse(String json) {
		JsonNode root = JSON.readTree(json);
		if (!root.isArray()) {
			throw new IllegalArgumentException("Expected a JSON array of engines, got: " + abbreviate(json));
		}
		List<EngineInfo> engines = new ArrayList<>();
		for (JsonNode engine : root) {
			engines.add(new EngineInfo(text(engine, "id"), text(engine, "uuid"), text(engine, "state")));
		}
		return engines;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
