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

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.Client;
import io.jparallel.helm.LocalPods.Pod;
import io.jparallel.helm.RenderedChart.Workload;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The chart's configuration, run: no Kubernetes runtime installs here (see helm/README.md), so
 * {@link LocalPods} plays the kubelet for the rendered manifests — each pod a local process started through
 * the image's entrypoint with exactly the environment, files and Service names the chart gives it. The broker
 * is the chart's bundled one: a RabbitMQ node configured with the {@code jparallel.conf} of the chart's broker
 * Secret (its only user the cluster's, with permissions on {@code jp.<clusterId>.*} only), or, in the second
 * test, an external broker. Every pod must pass its own readiness probe, the engines must register in Eureka
 * under their pod names (the registry URL and instance settings the chart passes), and a client with the
 * connection file of the chart's client Secret must run work on every engine.
 */
class ChartOnLocalProcessesIntegrationTests {

	private static final Duration START = Duration.ofMinutes(4);

	private static final String FULLNAME = ChartTemplates.FULLNAME;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@AfterEach
	void noInstalledRelease() {
		FakeKubernetesApi.clearSecrets();
	}

	@Test
	void theDefaultReleaseWithItsBundledBrokerServesAClient() throws Exception {
		String clusterId = TestBroker.uniqueClusterId();
		Path dir = podsDir(clusterId);
		ValueSet values = ValueSet.defaults().with("clusterId", clusterId).with("engines.replicas", 2);
		RenderedChart installed = ChartTemplates.render(values);
		List<String> brokerConfig = installed.secretValue("broker", "jparallel.conf").lines().toList();

		try (PrivateRabbitNode broker = PrivateRabbitNode.start(dir.resolve("rabbitmq"), Duration.ofSeconds(120),
				brokerConfig)) {
			// the client reaches the broker where `kubectl port-forward svc/<fullname>-rabbitmq <port>:5672` would
			// listen: `helm upgrade --set client.brokerPort=<port>`, which keeps the generated credentials
			FakeKubernetesApi.install(installed);
			RenderedChart chart = ChartTemplates.render(values.with("client.brokerPort", broker.port()));
			assertThat(chart.secretValue("broker", "password")).isEqualTo(installed.secretValue("broker", "password"));
			String user = chart.secretValue("broker", "username");
			String password = chart.secretValue("broker", "password");
			assertOnlyTheClusterNamesAreAllowed(broker.port(), user, password, clusterId);

			LocalPods pods = new LocalPods(chart, dir);
			pods.publish(FULLNAME + "-rabbitmq:5672", "127.0.0.1:" + broker.port());
			runAndConnect(pods, chart, dir);
		}
	}

	@Test
	void aReleaseOnAnExternalBrokerServesAClient() throws Exception {
		String clusterId = TestBroker.uniqueClusterId();
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults()
			.with("clusterId", clusterId)
			.with("rabbitmq.enabled", false)
			.with("rabbitmq.external.uri", TestBroker.uri())
			.with("scheduler.replicas", 1)
			.with("engines.replicas", 2));
		Path dir = podsDir(clusterId);

		runAndConnect(new LocalPods(chart, dir), chart, dir);
	}

	/** Starts registry, hub, schedulers and engines as the chart says, then uses them as a client would. */
	private void runAndConnect(LocalPods pods, RenderedChart chart, Path dir) throws Exception {
		try (pods) {
			Pod registry = pods.start(workload(chart, FULLNAME + "-registry"), "registry-service", 1).get(0);
			Pod hub = pods.start(workload(chart, FULLNAME + "-hub"), "hub-service", 1).get(0);
			pods.start(workload(chart, FULLNAME + "-scheduler"), "scheduler-service",
					chart.deployment("scheduler").getSpec().getReplicas());
			int engineCount = chart.deployment("engines").getSpec().getReplicas();
			List<Pod> engines = pods.start(workload(chart, FULLNAME + "-engines"), "engine-service", engineCount);

			for (Pod pod : pods.pods()) {
				String readiness = pod.container().getReadinessProbe().getHttpGet().getPath();
				await(pod.name() + " ready (" + readiness + ")").atMost(START).pollInterval(Duration.ofMillis(500))
					.failFast(() -> !pod.process().isAlive())
					.until(() -> status(pod, readiness) == 200);
				assertThat(status(pod, pod.container().getLivenessProbe().getHttpGet().getPath())).isEqualTo(200);
			}
			System.out.println("Local pods ready: " + pods.pods().stream().map(Pod::name).toList());

			Path clientFile = dir.resolve("client.json");
			Files.writeString(clientFile, pods.secretFile(FULLNAME + "-client", "jparallel-client.json"));
			try (Client rc = Client.connect(clientFile)) {
				await(engineCount + " engines registered").atMost(START).until(() -> rc.ids().size() == engineCount);
				Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
				List<Integer> products = rc.all().applySync(mul, 5, 6);
				assertThat(products).hasSize(engineCount).containsOnly(30);
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

	/** The bundled broker's user may declare the cluster's exchanges, and nothing else. */
	private static void assertOnlyTheClusterNamesAreAllowed(int port, String user, String password, String clusterId)
			throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(port);
		factory.setUsername(user);
		factory.setPassword(password);
		try (Connection connection = factory.newConnection()) {
			try (Channel channel = connection.createChannel()) {
				channel.exchangeDeclare("jp." + clusterId + ".permission-probe", "fanout", false, true, null);
				channel.exchangeDelete("jp." + clusterId + ".permission-probe");
			}
			Channel other = connection.createChannel();
			assertThatThrownBy(() -> other.exchangeDeclare("other.permission-probe", "fanout", false, true, null))
				.isInstanceOf(IOException.class)
				.hasStackTraceContaining("ACCESS_REFUSED");
		}
	}

	private static Path podsDir(String clusterId) throws IOException {
		// kept after the test: each pod's files and output (pod.log)
		return Files.createDirectories(Path.of("target", "local-pods", clusterId)).toAbsolutePath();
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
