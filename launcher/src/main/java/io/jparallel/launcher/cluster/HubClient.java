package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jparallel.protocol.json.JsonDocuments;

/**
 * The little of the hub's HTTP API the launcher needs: the engine list. Absent (not an error) while the
 * hub is still starting.
 * <p>
 * It asks through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building that client and
 * its first request cost a fresh JVM 0.57-0.61 CPU-seconds (C1 only, as {@code jpcluster} runs; it sets up
 * TLS even for plain HTTP, and its selector and worker threads), {@code HttpURLConnection} 0.04-0.05. A
 * cluster start pays it while the services start on the same cores.
 */
public final class HubClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	private final URI enginesUri;

	public HubClient(String hubUrl) {
		this.enginesUri = URI.create(hubUrl.endsWith("/") ? hubUrl + "engines" : hubUrl + "/engines");
	}

	/** The engines, or empty if the hub does not answer (yet) with a list. */
	public Optional<List<EngineInfo>> engines() {
		HttpURLConnection connection = null;
		try {
			// straight to the hub, as the HttpClient it replaces went (a JVM-wide proxy setting is not for it)
			connection = (HttpURLConnection) this.enginesUri.toURL().openConnection(Proxy.NO_PROXY);
			connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
			connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
			connection.setRequestProperty("Accept", "application/json");
			if (connection.getResponseCode() != 200) {
				connection.disconnect();
				return Optional.empty();
			}
			// read to the end, so that the connection is kept alive for the next poll
			try (InputStream in = connection.getInputStream()) {
				return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		catch (IOException | RuntimeException ex) {
			if (connection != null) {
				connection.disconnect();
			}
			return Optional.empty();
		}
	}

	/** Parses the hub's JSON array of engines; unknown fields are ignored. */
	public static List<EngineInfo> parse(String json) {
		Object root = JsonDocuments.parse(json);
		if (!(root instanceof List<?> array)) {
			throw new IllegalArgumentException("Expected a JSON array of engines, got: " + abbreviate(json));
		}
		List<EngineInfo> engines = new ArrayList<>();
		for (Object engine : array) {
			if (!(engine instanceof Map<?, ?> fields)) {
				throw new IllegalArgumentException("Expected a JSON object per engine, got: " + abbreviate(json));
			}
			engines.add(new EngineInfo(text(fields, "id"), text(fields, "uuid"), text(fields, "state")));
		}
		return engines;
	}

	private static String text(Map<?, ?> fields, String field) {
		Object value = fields.get(field);
		return (value == null) ? null : value.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
