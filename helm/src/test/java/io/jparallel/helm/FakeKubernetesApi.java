package io.jparallel.helm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Kubernetes API server, on loopback, for what the chart's {@code lookup} calls ask while
 * helm-java renders it: API discovery of {@code v1} and GET of a Secret, answered from an in-memory store
 * (404 when absent, as for a first install). helm-java's {@code template} asks a cluster where the {@code helm}
 * CLI's would not; with this server the tests need no cluster, and can also play an installed release whose
 * Secrets an upgrade must keep. It listens once per test JVM; surefire points {@code KUBECONFIG} at the file
 * {@link #start()} writes.
 */
final class FakeKubernetesApi {

	private static final Pattern SECRET = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets/([^/?]+)");

	private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

	private static HttpServer server;

	private FakeKubernetesApi() {
	}

	/** Starts the server (once) and writes the kubeconfig that {@code KUBECONFIG} names. */
	static synchronized void start() {
		if (server != null) {
			return;
		}
		String kubeconfig = System.getenv("KUBECONFIG");
		if (kubeconfig == null || kubeconfig.isBlank()) {
			throw new IllegalStateException("KUBECONFIG is not set: run the tests with Maven (surefire sets it)");
		}
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", FakeKubernetesApi::answer);
			server.start();
			Path file = Path.of(kubeconfig);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, """
					apiVersion: v1
					kind: Config
					clusters:
					  - name: fake
					    cluster:
					      server: http://127.0.0.1:%d
					contexts:
					  - name: fake
					    context: { cluster: fake, user: fake, namespace: default }
					current-context: fake
					users:
					  - name: fake
					    user: {}
					""".formatted(server.getAddress().getPort()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes a Secret exist, as an installed release's would: its JSON as the API server returns it. */
	static void putSecret(String namespace, String name, String json) {
		SECRETS.put(namespace + "/" + name, json);
	}

	/** Makes every Secret of a rendered chart exist, as after {@code helm install}. */
	static void install(RenderedChart chart) {
		for (RenderedChart.Manifest secret : chart.ofKind("Secret")) {
			putSecret(ChartTemplates.NAMESPACE, secret.name(), secret.tree().toString());
		}
	}

	static void clearSecrets() {
		SECRETS.clear();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Matcher secret = SECRET.matcher(path);
		if ("/version".equals(path)) {
			send(exchange, 200, """
					{"major": "1", "minor": "31", "gitVersion": "v1.31.0", "platform": "linux/amd64"}""");
		}
		else if ("/api".equals(path)) {
			send(exchange, 200, """
					{"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}""");
		}
		else if ("/apis".equals(path)) {
			send(exchange, 200, """
					{"kind": "APIGroupList", "apiVersion": "v1", "groups": []}""");
		}
		else if ("/api/v1".equals(path)) {
			send(exchange, 200, """
					{"kind": "APIResourceList", "groupVersion": "v1", "resources": [
					  {"name": "secrets", "singularName": "secret", "namespaced": true, "kind": "Secret",
					   "verbs": ["get", "list"]}]}""");
		}
		else if (secret.matches() && SECRETS.containsKey(secret.group(1) + "/" + secret.group(2))) {
			send(exchange, 200, SECRETS.get(secret.group(1) + "/" + secret.group(2)));
		}
		else {
			send(exchange, 404, """
					{"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
					 "message": "not found"}""");
		}
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
