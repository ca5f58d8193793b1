package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.protocol.amqp.BrokerTls;

/**
 * A broker's users and virtual hosts, as its administrator sees them through the RabbitMQ management HTTP
 * API (plugin {@code rabbitmq_management}): create a virtual host and a user with permissions on it, delete
 * them, ask whether a user exists. Works for a remote broker as well as a local one, unlike {@code rabbitmqctl}.
 */
public final class BrokerUsers {

	/** The management port RabbitMQ uses unless configured otherwise. */
	public static final int DEFAULT_MANAGEMENT_PORT = 15672;

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI managementUrl;

	private final String authorization;

	private final HttpClient http;

	/**
	 * @param managementUrl the API's base URL, e.g. {@code http://broker:15672}
	 * @param adminUser a user tagged {@code administrator}
	 * @param adminPassword its password
	 * @param caPem PEM CA certificate(s) to trust for an {@code https} management URL, or {@code null}
	 */
	public BrokerUsers(String managementUrl, String adminUser, String adminPassword, @Nullable String caPem) {
		this.managementUrl = URI.create(managementUrl.endsWith("/") ? managementUrl : managementUrl + "/");
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
		// HTTP/1.1: the management listener (Cowboy) drops requests that ask to upgrade to h2c
		HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
		if ("https".equalsIgnoreCase(this.managementUrl.getScheme())) {
			builder.sslContext(BrokerTls.context(caPem));
		}
		this.http = builder.build();
	}

	/**
	 * The administrator of the broker at {@code adminAmqpUri} (its user info), at {@code managementUrl}, or,
	 * when that is {@code null}, at {@code http://<the URI's host>:15672}.
	 */
	public static BrokerUsers forAdminUri(String adminAmqpUri, @Nullable String managementUrl, @Nullable String caPem) {
		URI uri = URI.create(adminAmqpUri);
		String[] credentials = credentials(uri);
		return new BrokerUsers(defaultManagementUrl(uri, managementUrl), credentials[0], credentials[1], caPem);
	}

	/** {@code managementUrl}, or {@code http://<host of the AMQP URI>:15672} if it is null or blank. */
	public static String defaultManagementUrl(URI amqpUri, @Nullable String managementUrl) {
		if (managementUrl != null && !managementUrl.isBlank()) {
			return managementUrl;
		}
		String host = amqpUri.getHost();
		return "http://" + ((host != null && host.contains(":")) ? "[" + host + "]" : host) + ":"
				+ DEFAULT_MANAGEMENT_PORT;
	}

	/** User and password of an AMQP URI, decoded; {@code guest}/{@code guest} (RabbitMQ's default) without. */
	public static String[] credentials(URI amqpUri) {
		String userInfo = amqpUri.getRawUserInfo();
		if (userInfo == null || userInfo.isEmpty()) {
			return new String[] { "guest", "guest" };
		}
		int colon = userInfo.indexOf(':');
		String user = (colon < 0) ? userInfo : userInfo.substring(0, colon);
		String password = (colon < 0) ? "" : userInfo.substring(colon + 1);
		return new String[] { decode(user), decode(password) };
	}

	/** The virtual host an AMQP URI names: its path without the leading slash, {@code /} if it has none. */
	public static String virtualHost(URI amqpUri) {
		String path = amqpUri.getRawPath();
		if (path == null || path.isEmpty() || path.equals("/")) {
			return "/";
		}
		return decode(path.substring(1));
	}

	public URI managementUrl() {
		return this.managementUrl;
	}

	/**
	 * Creates (or replaces) {@code user} with no tags, so it cannot use the management API, and gives it
	 * the permissions on {@code vhost}: regular expressions over exchange and queue names.
	 */
	public void create(String user, String password, String vhost, String configure, String write, String read) {
		send("PUT", "users/" + encode(user), Map.of("password", password, "tags", ""), 201, 204);
		send("PUT", "permissions/" + encode(vhost) + "/" + encode(user),
				Map.of("configure", configure, "write", write, "read", read), 201, 204);
	}

	/** Creates the virtual host {@code vhost} (nothing happens if it exists). */
	public void createVirtualHost(String vhost) {
		send("PUT", "vhosts/" + encode(vhost), Map.of(), 201, 204);
	}

	/** Deletes the virtual host {@code vhost} with all its exchanges and queues; returns whether it existed. */
	public boolean deleteVirtualHost(String vhost) {
		return send("DELETE", "vhosts/" + encode(vhost), null, 204, 404) == 204;
	}

	/** Deletes {@code user} (closing its connections); returns whether it existed. */
	public boolean delete(String user) {
		return send("DELETE", "users/" + encode(user), null, 204, 404) == 204;
	}

	public boolean exists(String user) {
		return send("GET", "users/" + encode(user), null, 200, 404) == 200;
	}

	/** The JSON array of the broker's connections ({@code GET /api/connections}). */
	public String connectionsJson() {
		return get("connections");
	}

	private String get(String path) {
		HttpRequest request = request(path).GET().build();
		HttpResponse<String> response = execute("GET", path, request);
		if (response.statusCode() != 200) {
			throw failure("GET", path, response);
		}
		return response.body();
	}

	private int send(String method, String path, @Nullable Map<String, String> body, int... accepted) {
		HttpRequest.Builder builder = request(path);
		if (body != null) {
			builder.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = execute(method, path, builder.build());
		for (int status : accepted) {
			if (response.statusCode() == status) {
				return status;
			}
		}
		throw failure(method, path, response);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.managementUrl.resolve("api/" + path))
			.timeout(TIMEOUT)
			.header("Authorization", this.authorization);
	}

	private HttpResponse<String> execute(String method, String path, HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the RabbitMQ management API at " + this.managementUrl
					+ " (" + method + " /api/" + path + ": " + ex + "). jpcluster creates each cluster's broker user"
					+ " there: enable the rabbitmq_management plugin or pass --broker-management URL", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + this.managementUrl, ex);
		}
	}

	private IllegalStateException failure(String method, String path, HttpResponse<String> response) {
		String body = response.body();
		return new IllegalStateException("RabbitMQ management API " + method + " " + this.managementUrl + "api/"
				+ path + " answered " + response.statusCode() + ": "
				+ ((body.length() > 300) ? body.substring(0, 300) : body)
				+ ((response.statusCode() == 401) ? " (the --broker URI must carry an administrator's credentials)" : ""));
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
