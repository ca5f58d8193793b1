package io.jparallel.helm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.client.Client;
import io.jparallel.helm.LocalPods.Pod;
import io.jparallel.helm.RenderedChart.Workload;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chart's configuration, run: no Kubernetes runtime installs here (see helm/README.md), so
 * {@link LocalPods} plays the kubelet for the rendered manifests — each pod a local process started through
 * the image's entrypoint with exactly the environment, files and Service names the chart gives it — against a
 * real RabbitMQ (the chart's external-broker mode). Every pod must pass its own readiness probe, the engines
 * must register under their pod names in Eureka (the registry URL and instance settings the chart passes), and
 * a client with the connection file from the chart's client Secret must run work on every engine.
 */
class ChartOnLocalProcessesIntegrationTests {

	private static final Duration START = Duration.ofMinutes(4);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aClusterConfiguredByTheChartServesAClient() throws Exception {
		String clusterId = TestBroker.uniqueClusterId();
		// kept after the test: each pod's files and output (pod.log)
		Path dir = Files.createDirectories(Path.of("target", "local-pods", clusterId)).toAbsolutePath();
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults()
			.with("clusterId", clusterId)
			.with("rabbitmq.enabled", false)
			.with("rabbitmq.external.uri", TestBroker.uri())
			.with("scheduler.replicas", 2)
			.with("engines.replicas", 2));
		String fullname = ChartTemplates.FULLNAME;

		LocalPods pods = new LocalPods(chart, dir);
		try (pods) {
			Pod registry = pods.start(workload(chart, fullname + "-registry"), "registry-service", 1).get(0);
			Pod hub = pods.start(workload(chart, fullname + "-hub"), "hub-service", 1).get(0);
			pods.start(workload(chart, fullname + "-scheduler"), "scheduler-service",
					chart.deployment("scheduler").getSpec().getReplicas());
			List<Pod> engines = pods.start(workload(chart, fullname + "-engines"), "engine-service",
					chart.deployment("engines").getSpec().getReplicas());

			for (Pod pod : pods.pods()) {
				String readiness = pod.container().getReadinessProbe().getHttpGet().getPath();
				await(pod.name() + " ready (" + readiness + ")").atMost(START).pollInterval(Duration.ofMillis(500))
					.failFast(() -> !pod.process().isAlive())
					.until(() -> status(pod, readiness) == 200);
				assertThat(status(pod, pod.container().getLivenessProbe().getHttpGet().getPath())).isEqualTo(200);
			}
			System.out.println("Local pods ready: " + pods.pods().stream().map(Pod::name).toList());

			Path clientFile = dir.resolve("client.json");
			Files.writeString(clientFile, pods.secretFile(fullname + "-client", "jparallel-client.json"));
			try (Client rc = Client.connect(clientFile)) {
				await("2 engines registered").atMost(START).until(() -> rc.ids().size() == 2);
				Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
				List<Integer> products = rc.all().applySync(mul, 5, 6);
				assertThat(products).containsExactly(30, 30);
				System.out.println("Client.connect(client.json from the chart's Secret): ids " + rc.ids()
						+ ", applySync(mul, 5, 6) = " + products);
			}

			String apps = get(registry, "/eureka/apps", "application/xml");
			for (Pod engine : engines) {
				assertThat(apps).as("Eureka instances").contains("<instanceId>" + engine.name() + "</instanceId>");
			}
			assertThat(get(hub, "/actuator/prometheus", "text/plain")).contains("jparallel_tasks_completed_total");
		}
		catch (Exception | AssertionError ex) {
			System.out.println("Pods' output (all of it in " + dir + "/*/pod.log):\n" + pods.logs());
			throw ex;
		}
	}

	private static Workload workload(RenderedChart chart, String name) {
		return chart.workloads().stream().filter(w -> w.manifest().name().equals(name)).findFirst().orElseThrow();
	}

	private int status(Pod pod, String path) {
		try {
			return this.http.send(request(pod, path, "*/*"), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private String get(Pod pod, String path, String accept) throws IOException, InterruptedException {
		return this.http.send(request(pod, path, accept), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static HttpRequest request(Pod pod, String path, String accept) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.port() + path))
			.timeout(Duration.ofSeconds(5))
			.header("Accept", accept)
			.build();
	}

}
