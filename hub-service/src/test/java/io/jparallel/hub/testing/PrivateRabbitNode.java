package io.jparallel.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * A RabbitMQ node private to this test JVM, started from the installed {@code rabbitmq-server} (there is
 * no Docker here) on its own ports, home and data directory, and stopped when the JVM exits. If
 * {@code JPARALLEL_TEST_BROKER_URL} is set, that broker is used instead.
 * <p>
 * Stands in for the launcher's shared {@code TestBroker}, which hub-service cannot depend on.
 */
public final class PrivateRabbitNode {

	private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";

	private static final String CTL = "/usr/lib/rabbitmq/bin/rabbitmqctl";

	private static String brokerUri;

	private PrivateRabbitNode() {
	}

	/** The AMQP URI of the test broker, starting the private node on first use. */
	public static synchronized String brokerUri() {
		if (brokerUri == null) {
			String configured = System.getenv("JPARALLEL_TEST_BROKER_URL");
			brokerUri = (configured != null && !configured.isBlank()) ? configured : start();
		}
		return brokerUri;
	}

	private static String start() {
		try {
			int port = freePort();
			int distPort = freePort();
			Path base = Files.createTempDirectory("hub-rabbit-");
			Path home = Files.createDirectories(base.resolve("home"));
			String node = "jphub" + port + "@localhost";
			Path config = Files.writeString(base.resolve("rabbitmq.conf"),
					"listeners.tcp.default = 127.0.0.1:" + port + "\nloopback_users = none\n");
			Path plugins = Files.writeString(base.resolve("enabled_plugins"), "[].\n");
			Path envFile = Files.writeString(base.resolve("rabbitmq-env.conf"), "");
			Path pidFile = base.resolve("node.pid");
			Map<String, String> env = Map.ofEntries(Map.entry("HOME", home.toString()),
					Map.entry("RABBITMQ_NODENAME", node), Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
					Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
					Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
					Map.entry("RABBITMQ_CONF_ENV_FILE", envFile.toString()),
					Map.entry("RABBITMQ_CONFIG_FILE", config.toString()),
					Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString()),
					Map.entry("RABBITMQ_MNESIA_BASE", base.resolve("mnesia").toString()),
					Map.entry("RABBITMQ_LOG_BASE", base.resolve("log").toString()),
					Map.entry("RABBITMQ_PID_FILE", pidFile.toString()));
			ProcessBuilder server = new ProcessBuilder(SERVER).redirectErrorStream(true)
				.redirectOutput(base.resolve("server.out").toFile());
			server.environment().putAll(env);
			Process process = server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, base), "private-rabbit-stop"));
			ProcessBuilder wait = new ProcessBuilder(CTL, "-n", node, "wait", pidFile.toString(), "--timeout", "90")
				.redirectErrorStream(true)
				.redirectOutput(base.resolve("wait.out").toFile());
			wait.environment().putAll(env);
			Process waiting = wait.start();
			if (!waiting.waitFor(120, TimeUnit.SECONDS) || waiting.exitValue() != 0 || !process.isAlive()) {
				waiting.destroyForcibly();
				throw new IllegalStateException("Private RabbitMQ node " + node + " did not start; see "
						+ base.resolve("server.out") + ": " + Files.readString(base.resolve("server.out")));
			}
			return "amqp://guest:guest@127.0.0.1:" + port;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start a private RabbitMQ node", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting a private RabbitMQ node", ex);
		}
	}

	private static void stop(Process process, Path base) {
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
			FileSystemUtils.deleteRecursively(base);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// a leftover temporary directory is harmless
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
