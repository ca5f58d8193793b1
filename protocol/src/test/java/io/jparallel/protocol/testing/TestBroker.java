package io.jparallel.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import io.jparallel.protocol.broker.PrivateRabbitNode;

/**
 * The broker for every broker test of a JVM. If {@code JPARALLEL_TEST_BROKER_URL} is set (as
 * {@code scripts/test.sh} does) that broker is used; otherwise one private RabbitMQ node is started on
 * first use, in a temporary directory on its own ports, and stopped when the JVM exits. Starting a node
 * takes seconds, so tests share it and isolate themselves with their own cluster id, hence their own
 * exchanges and queues:
 * <pre>{@code
 * ConnectionInfo info = new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(), key, null, null);
 * }</pre>
 * The broker has no {@code guest} user: {@link #uri()} carries an administrator's credentials, and
 * {@link #managementUrl()} is its management HTTP API, where {@code jpcluster} creates each cluster's user
 * ({@code JPARALLEL_TEST_BROKER_MANAGEMENT_URL} with an external broker).
 */
public final class TestBroker {

	/** Names an external broker for tests instead of a private node. */
	public static final String URL_VARIABLE = "JPARALLEL_TEST_BROKER_URL";

	/** The management HTTP API of the external broker named by {@link #URL_VARIABLE}. */
	public static final String MANAGEMENT_URL_VARIABLE = "JPARALLEL_TEST_BROKER_MANAGEMENT_URL";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static String uri;

	private static String managementUrl;

	private static PrivateRabbitNode node;

	private TestBroker() {
	}

	/** The administrator's AMQP URI of the test broker, starting the private node on first call. */
	public static synchronized String uri() {
		if (uri == null) {
			String external = System.getenv(URL_VARIABLE);
			if (external != null && !external.isBlank()) {
				uri = external;
				String management = System.getenv(MANAGEMENT_URL_VARIABLE);
				managementUrl = (management != null && !management.isBlank()) ? management
						: "http://" + java.net.URI.create(external).getHost() + ":15672";
			}
			else {
				uri = startPrivateNode();
				managementUrl = node.managementUrl();
			}
		}
		return uri;
	}

	/** The management HTTP API of the test broker (same administrator as {@link #uri()}). */
	public static synchronized String managementUrl() {
		uri();
		return managementUrl;
	}

	/** The private node, if this JVM started one (not when an external broker is used). */
	public static synchronized Optional<PrivateRabbitNode> privateNode() {
		return Optional.ofNullable(node);
	}

	/** A fresh cluster id, so a test's exchanges and queues are its own on the shared broker. */
	public static String uniqueClusterId() {
		byte[] bytes = new byte[5];
		RANDOM.nextBytes(bytes);
		return "t" + HexFormat.of().formatHex(bytes);
	}

	/** A fresh signing key (32 random bytes, hex), as a cluster's connection file holds. */
	public static String randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return HexFormat.of().formatHex(key);
	}

	private static String startPrivateNode() {
		Path dir;
		try {
			dir = Files.createTempDirectory("jparallel-test-broker-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		node = PrivateRabbitNode.start(dir);
		PrivateRabbitNode started = node;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			started.stop();
			deleteQuietly(dir);
		}, "test-broker-stop"));
		return started.uri();
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temp directory left behind is harmless
		}
	}

}
