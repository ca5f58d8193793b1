package io.jparallel.protocol.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.json.DataBinding;

/**
 * The admin HTTP port of a service without a servlet container (engines and schedulers), on the JDK's
 * built-in server: it serves the same read-only paths the other services' actuators do, for probes,
 * Prometheus and operators, and nothing else.
 * <ul>
 * <li>{@code /actuator/health}, {@code /actuator/health/liveness}: up while the process serves;
 * <li>{@code /actuator/health/readiness}: up while the service says it is ready (an engine: registered with
 * the hub and taking requests), 503 otherwise;
 * <li>{@code /actuator/jparallel}: the service's own figures, as JSON;
 * <li>{@code /actuator/prometheus}: its meters in Prometheus' text format;
 * <li>{@code /actuator/info}: empty.
 * </ul>
 * Every other path is 404 and every method but GET and HEAD 405: there are no write operations.
 */
public final class AdminHttpServer {

	private static final Log logger = LogFactory.getLog(AdminHttpServer.class);

	private static final String JSON_TYPE = "application/json";

	private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	private final String threadName;

	private final String address;

	private final int configuredPort;

	private final Supplier<Object> info;

	private final BooleanSupplier ready;

	private final Supplier<String> prometheus;

	private volatile HttpServer server;

	private ExecutorService executor;

	/**
	 * @param threadName the name of the thread that answers, e.g. {@code engine-admin-http}
	 * @param address the address to listen on ({@code server.address}), e.g. {@code 0.0.0.0}
	 * @param port the port ({@code server.port}), 0 for any free one
	 * @param info what {@code /actuator/jparallel} shows
	 * @param ready whether the service is ready ({@code /actuator/health/readiness})
	 * @param prometheus the meters in Prometheus' text format, e.g. {@code PrometheusMeterRegistry::scrape}
	 */
	public AdminHttpServer(String threadName, String address, int port, Supplier<Object> info, BooleanSupplier ready,
			Supplier<String> prometheus) {
		this.threadName = threadName;
		this.address = address;
		this.configuredPort = port;
		this.info = info;
		this.ready = ready;
		this.prometheus = prometheus;
	}

	/** Opens the port. */
	public synchronized void start() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(this.address, this.configuredPort), 16);
			http.createContext("/", this::handle);
			this.executor = Executors.newSingleThreadExecutor(r -> {
				Thread thread = new Thread(r, this.threadName);
				thread.setDaemon(true);
				return thread;
			});
			http.setExecutor(this.executor);
			http.start();
			this.server = http;
			logger.info("Admin HTTP on port " + port() + " (/actuator/health, /actuator/jparallel, /actuator/prometheus)");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the admin port " + this.configuredPort, ex);
		}
	}

	public synchronized void stop() {
		HttpServer current = this.server;
		if (current != null) {
			current.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	public boolean isRunning() {
		return this.server != null;
	}

	/** The port it listens on (the chosen one when started with 0). */
	public int port() {
		HttpServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("The admin server is not running");
		}
		return current.getAddress().getPort();
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
					boolean ready = this.ready.getAsBoolean();
					send(exchange, ready ? 200 : 503, JSON_TYPE, status(ready ? "UP" : "OUT_OF_SERVICE"));
				}
				case "/actuator/jparallel" -> send(exchange, 200, JSON_TYPE, json(this.info.get()));
				case "/actuator/prometheus" -> send(exchange, 200, PROMETHEUS_TYPE,
						this.prometheus.get().getBytes(StandardCharsets.UTF_8));
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
		return DataBinding.mapper().writeValueAsBytes(value);
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
