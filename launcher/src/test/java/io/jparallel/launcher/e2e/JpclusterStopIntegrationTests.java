package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.client.Client;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.broker.RabbitNodeRecord;
import io.jparallel.protocol.connection.ConnectionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster with its own private broker: it serves (the cluster's broker user is in the node from its boot,
 * which runs without the management plugin), and {@code jpcluster stop} leaves no process and no port behind.
 */
class JpclusterStopIntegrationTests {

	@Test
	void privateBrokerClusterServesThenStopLeavesNoProcessAndNoListeningPortBehind() throws Exception {
		JpclusterProcess cluster = new JpclusterProcess(Files.createTempDirectory("jparallel-stop"));
		JpclusterProcess.Result started = cluster.start("-n", "1");
		try {
			assertThat(started.output()).contains("is in the node from its boot");
			assertThat(cluster.profileDir().resolve("rabbitmq").resolve("enabled_plugins")).content().isEqualTo("[].\n");
			try (Client rc = Client.connect(cluster.clientFile())) {
				rc.waitForEngines(1, Duration.ofSeconds(60));
				Integer thirty = rc.get(0).applySync((Integer a, Integer b) -> a * b, 5, 6);
				assertThat(thirty).isEqualTo(30);
			}
			assertStopLeavesNothingBehind(cluster);
		}
		finally {
			cluster.run("stop");
		}
	}

	private void assertStopLeavesNothingBehind(JpclusterProcess cluster) throws Exception {
		ConnectionInfo info = cluster.connectionInfo();
		RabbitNodeRecord broker = PrivateRabbitNode.find(cluster.profileDir().resolve("rabbitmq")).orElseThrow().record();
		List<Long> pids = new ArrayList<>(servicePids(cluster.profileDir()));
		pids.add(broker.pid());
		List<Integer> ports = List.of(URI.create(info.registryUrl()).getPort(), URI.create(info.hubUrl()).getPort(),
				broker.port(), broker.distPort(), broker.epmdPort());
		// registry, hub, scheduler, one engine, the engine supervisor, and the broker
		assertThat(pids).hasSize(6).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
		// the registry starts in the background (niced): it may not listen yet when the cluster is usable
		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(ports)
			.allSatisfy(port -> assertThat(listening(port)).as("port %d before stop", port).isTrue()));

		JpclusterProcess.Result stop = cluster.run("stop");

		assertThat(stop.exitCode()).as(stop.output()).isZero();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
				.filter(JpclusterStopIntegrationTests::notZombie)).as("process %d", pid).isEmpty());
			assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port %d after stop", port).isFalse());
		});
		assertThat(cluster.run("status").exitCode()).isEqualTo(3);
	}

	private static List<Long> servicePids(Path profileDir) throws IOException {
		try (var files = Files.list(profileDir.resolve("pid"))) {
			return files.map(file -> {
				try {
					return Long.parseLong(Files.readAllLines(file).get(0).trim());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
	}

	private static boolean notZombie(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
