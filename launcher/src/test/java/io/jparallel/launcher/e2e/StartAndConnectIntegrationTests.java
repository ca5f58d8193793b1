package io.jparallel.launcher.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.client.Client;
import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.ClusterStarter;
import io.jparallel.launcher.cluster.ConnectedCluster;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ClusterStarter#startAndConnect}, ipyparallel's {@code Cluster.start_and_connect_sync()}: hub, scheduler
 * and engines start as separate processes on the shared test broker while a client connects; what comes
 * back knows every engine and runs work at once, and closing it stops every process it started.
 */
class StartAndConnectIntegrationTests {

	private final Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;

	@Test
	void theClientConnectsWhileTheClusterStartsKnowsEveryEngineAndClosingStopsTheCluster() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		ClusterOptions options = ClusterOptions.of(2)
			.withHome(Path.of("").toAbsolutePath().getParent())
			.withProfileDir(Files.createTempDirectory("jparallel-start-connect"))
			.withBrokerUri(TestBroker.uri())
			.withBrokerManagementUrl(TestBroker.managementUrl())
			.withClusterId(TestBroker.uniqueClusterId());
		List<ServiceProcess> processes;
		try (ConnectedCluster started = new ClusterStarter(new PrintStream(printed, true, StandardCharsets.UTF_8))
			.startAndConnect(options)) {
			Client rc = started.client();

			assertThat(rc.ids()).containsExactly(0, 1);
			assertThat(rc.get(0).applySync(this.mul, 5, 6)).isEqualTo(30);
			assertThat(rc.all().map(this.mul, List.of(1, 2, 3, 4), List.of(5, 6, 7, 8)).get())
				.containsExactly(5, 12, 21, 32);
			processes = started.cluster().processes();
			assertThat(processes).extracting(ServiceProcess::name).contains("hub", "scheduler", "engine-0", "engine-1");
			assertThat(processes).allMatch(ServiceProcess::isAlive);
		}
		String output = printed.toString(StandardCharsets.UTF_8);
		System.out.println("startAndConnect printed:\n" + output);
		assertThat(output).containsPattern("client connected \\(\\d+\\.\\d s\\)")
			.contains("engine 1 registered")
			.doesNotContain("connecting again");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(processes).noneMatch(ServiceProcess::isAlive));
	}

}
