package io.jparallel.protocol.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The admin port of a service without a servlet container, on a real socket. */
class AdminHttpServerTests {

	private final AtomicBoolean ready = new AtomicBoolean();

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final HttpClient http = HttpClient.newHttpClient();

	private AdminHttpServer server;

	private AutoCloseable processMeters;

	@BeforeEach
	void start() {
		this.processMeters = ProcessMeters.bindTo(this.registry);
		this.server = new AdminHttpServer("test-admin-http", "127.0.0.1", 0,
				() -> Map.of("clusterId", "c1", "engines", 4), this.ready::get, this.registry::scrape);
		this.server.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.server.stop();
		this.processMeters.close();
		this.registry.close();
	}

	@Test
	void servesHealthAndReadinessAsTheServiceSays() throws Exception {
		assertThat(get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> notReady = get("/actuator/health/readiness");
		assertThat(notReady.statusCode()).isEqualTo(503);
		assertThat(notReady.body()).contains("OUT_OF_SERVICE");

		this.ready.set(true);

		assertThat(get("/actuator/health/readiness/").statusCode()).isEqualTo(200);
	}

	@Test
	void servesTheServicesFiguresAndTheJvmMetersForPrometheus() throws Exception {
		assertThat(get("/actuator/jparallel").body()).contains("\"clusterId\":\"c1\"").contains("\"engines\":4");
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/plain"));
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
				"process_uptime_seconds", "jvm_gc_");
		assertThat(get("/actuator/info").body()).isEqualTo("{}");
	}

	@Test
	void refusesWritesAndUnknownPaths() throws Exception {
		HttpResponse<String> post = this.http.send(request("/actuator/jparallel")
			.POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"OFF\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Allow")).hasValue("GET");
		assertThat(get("/actuator/shutdown").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/loggers/ROOT").statusCode()).isEqualTo(404);
	}

	@Test
	void tellsItsPortOnlyWhileRunning() {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.server.port()).isPositive();

		this.server.stop();

		assertThat(this.server.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(this.server::port).withMessageContaining("not running");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + path));
	}

}
