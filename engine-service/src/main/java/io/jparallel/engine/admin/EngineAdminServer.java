package io.jparallel.engine.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.engine.registration.EngineReadiness;

/**
 * The engine's admin HTTP port ({@code server.port}, 0 for any free one), on the JDK's built-in server
 * rather than a servlet container: it serves the same read-only paths the other services' actuators do,
 * for probes, Prometheus and operators, and nothing else.
 * <ul>
 * <li>{@code /actuator/health}, {@code /actuator/health/liveness}: up while the process serves;
 * <li>{@code /actuator/health/readiness}: up once the engine has registered with the hub and takes
 * requests, 503 before that and while it stops;
 * <li>{@code /actuator/jparallel}: {@link EngineEndpoint#info()};
 * <li>{@code /actuator/prometheus}: the engine's meters in Prometheus' text format;
 * <li>{@code /actuator/info}: empty.
 * </ul>
 * Every other path is 404 and every method but GET and HEAD 405: there are no write operations.
 */
@Component
public class EngineAdminServer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EngineAdminServer.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JSON_TYPE = "application/json";

	private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	private final EngineEndpoint endpoint;

	private final EngineReadiness readiness;

	private final PrometheusMeterRegistry prometheus;

	private final String address;

	private final int configuredPort;

	private volatile HttpServer server;

	private ExecutorService executor;

	public EngineAdminServer(EngineEndpoint endpoint, EngineReadiness readiness, PrometheusMeterRegistry prometheus,
			@Value("${server.address:0.0.0.0}") String address, @Value("${server.port:0}") int port) {
		this.endpoint = endpoint;
		this.readiness = readiness;
		this.prometheus = prometheus;
		this.address = address;
		this.configuredPort = port;
	}

	/** The port it listens on (the chosen one when configured as 0). */
	public int port() {
		HttpServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("The admin server is not running");
		}
		return current.getAddress().getPort();
	}

	@Override
	public void start() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(this.address, this.configuredPort), 16);
			http.createContext("/", this::handle);
			this.executor = Executors.newSingleThreadExecutor(r -> {
				Thread thread = new Thread(r, "engine-admin-http");
				thread.setDaemon(true);
				return thread;
			});
			http.setExecutor(this.executor);
			http.start();
			this.server = http;
			logger.info("Admin HTTP on port " + port() + " (/actuator/health, /actuator/jparallel, /actuator/prometheus)");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the engine's admin port " + this.configuredPort, ex);
		}
	}

	@Override
	public void stop() {
		HttpServer current = this.server;
		if (current != null) {
			current.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** Before the registrar (phase 0 by default), which lists this port in the registry. */
	@Override
	public int getPhase() {
		return -100;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.getResponseHeaders().set("Allow", "GET");
				send(exchange, 405, JSON_TYPE, json(Map.of("status", 405, "error", "Method Not Allowed")));
				return;
			}
			String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
			switch (path) {
				case "/actuator/health", "/actuator/health/liveness" -> send(exchange, 200, JSON_TYPE, status("UP"));
				case "/actuator/health/readiness" -> {
					boolean ready = this.readiness.isTakingRequests();
					send(exchange, ready ? 200 : 503, JSON_TYPE, status(ready ? "UP" : "OUT_OF_SERVICE"));
				}
				case "/actuator/jparallel" -> send(exchange, 200, JSON_TYPE, json(this.endpoint.info()));
				case "/actuator/prometheus" -> send(exchange, 200, PROMETHEUS_TYPE,
						this.prometheus.scrape().getBytes(StandardCharsets.UTF_8));
				case "/actuator/info" -> send(exchange, 200, JSON_TYPE, json(Map.of()));
				default -> send(exchange, 404, JSON_TYPE, json(Map.of("status", 404, "error", "Not Found", "path", path)));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Admin request " + exchange.getRequestURI() + " failed: " + ex);
		}
	}

	private static byte[] status(String status) {
		return json(Map.of("status", status));
	}

	private static byte[] json(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : body.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
