package io.jparallel.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ({@code helm/jparallel/dashboards/jparallel.json}) is valid JSON with panels, and
 * queries only metrics the services expose: Micrometer's standard JVM, process and HTTP server meters, and the
 * services' own {@code jparallel.*} meters as their source code names them, so a renamed meter fails here.
 */
class GrafanaDashboardTests {

	static final Path DASHBOARD = ChartTemplates.CHART.resolve("dashboards").resolve("jparallel.json");

	/** A metric name: every query selects its series with a label matcher. */
	private static final Pattern METRIC = Pattern.compile("([a-z_:]+)(?=\\{)");

	private static final String[] MODULES = { "hub-service", "scheduler-service", "engine-service", "registry-service",
			"protocol" };

	private static final Pattern METER_NAME = Pattern.compile("\\.builder\\(\"(jparallel\\.[a-z.]+)\"");

	/** Micrometer's Prometheus names: {@code a.b} as {@code a_b}, counters {@code _total}, timers {@code _seconds_*}. */
	private static final Pattern SUFFIX = Pattern.compile("_(total|seconds_bucket|seconds_count|seconds_sum|seconds_max)$");

	@Test
	void theDashboardIsGrafanaJsonWithPanelsAndQueries() throws IOException {
		JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));

		assertThat(dashboard.path("title").asText()).isEqualTo("JParallel");
		assertThat(dashboard.path("uid").asText()).isNotBlank();
		assertThat(dashboard.path("panels")).hasSizeGreaterThan(5);
		assertThat(expressions(dashboard)).hasSizeGreaterThan(10);
	}

	@Test
	void everyQueryUsesMetricsTheServicesExpose() throws IOException {
		JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
		Set<String> meters = meterNames();
		Set<String> metrics = new TreeSet<>();
		for (String expression : expressions(dashboard)) {
			Matcher metric = METRIC.matcher(expression);
			while (metric.find()) {
				metrics.add(metric.group(1));
			}
		}

		assertThat(meters).contains("jparallel.tasks.submitted", "jparallel.task.latency", "jparallel.queue.depth",
				"jparallel.scheduler.tasks", "jparallel.engine.requests", "jparallel.messages.rejected");
		assertThat(metrics).isNotEmpty().allSatisfy(metric -> {
			if (metric.startsWith("jparallel_")) {
				assertThat(SUFFIX.matcher(metric).replaceAll("").replace('_', '.')).as(metric).isIn(meters);
			}
			else {
				assertThat(metric).matches("(jvm|process|http_server_requests)_[a-z_]+|up");
			}
		});
		System.out.println("Grafana dashboard queries " + metrics);
	}

	private static Set<String> expressions(JsonNode dashboard) {
		Set<String> expressions = new TreeSet<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asText());
			}
		}
		return expressions;
	}

	/** The meter names the services register (and the gate's, in protocol), from their sources. */
	private static Set<String> meterNames() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String module : MODULES) {
			try (Stream<Path> sources = Files.walk(Path.of("..", module, "src", "main", "java"))) {
				for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
					Matcher meter = METER_NAME.matcher(Files.readString(source));
					while (meter.find()) {
						names.add(meter.group(1));
					}
				}
			}
		}
		return names;
	}

}
