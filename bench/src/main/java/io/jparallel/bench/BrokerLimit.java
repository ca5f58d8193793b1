package io.jparallel.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.jparallel.protocol.broker.PrivateRabbitNode;

/**
 * Measures the broker's own limit with RabbitMQ PerfTest against a fresh private node. PerfTest runs in a
 * child JVM ({@code com.rabbitmq.perf.PerfTest} from {@code bench/target/lib}) because it calls
 * {@code System.exit}; its summary lines are parsed by {@link PerfTestSummary}.
 */
public final class BrokerLimit {

	private static final String PERF_TEST = "com.rabbitmq.perf.PerfTest";

	private final Path libDir;

	private final int seconds;

	private final Progress progress;

	public BrokerLimit(Path libDir, int seconds, PrintStream out) {
		this.libDir = libDir;
		this.seconds = seconds;
		this.progress = new Progress(out, "broker");
	}

	public BrokerResults run() {
		Map<String, String> errors = new LinkedHashMap<>();
		String perfTestVersion = perfTestVersion();
		Path dir;
		try {
			dir = Files.createTempDirectory("jparallel-bench-rabbit-");
		}
		catch (IOException ex) {
			errors.put("node", TimeLimit.describe(ex));
			return new BrokerResults(null, null, null, null, perfTestVersion, errors);
		}
		this.progress.say("starting a private RabbitMQ node ...");
		PerfTestSummary throughput = null;
		PerfTestSummary latency = null;
		PerfTestSummary large = null;
		String version = null;
		try (PrivateRabbitNode node = PrivateRabbitNode.start(dir)) {
			version = rabbitmqVersion(node.uri());
			this.progress.say("RabbitMQ %s at amqp://127.0.0.1:%d", version, node.port());
			try {
				this.progress.say("throughput with publisher confirms and manual acks, %d s ...", this.seconds);
				throughput = perfTest(node.uri(), "throughput", "--confirm", "100", "--multi-ack-every", "50", "--qos",
						"100");
				this.progress.say("throughput: sent %s msg/s, received %s msg/s",
						Format.number(throughput.sendRate()), Format.number(throughput.receiveRate()));
			}
			catch (Exception ex) {
				errors.put("throughput", TimeLimit.describe(ex));
				this.progress.say("throughput FAILED: %s", TimeLimit.describe(ex));
			}
			try {
				this.progress.say("one-hop latency at 1,000 msg/s, %d s ...", this.seconds);
				latency = perfTest(node.uri(), "latency", "--rate", "1000");
				this.progress.say("latency: median %s ms", Format.number(latency.latencyMedianMs()));
				this.progress.say("1 MiB messages with publisher confirms and manual acks, %d s ...", this.seconds);
				large = perfTest(node.uri(), "large messages", "--size", "1048576", "--confirm", "10", "--qos", "10");
				this.progress.say("1 MiB messages: %s msg/s", Format.number(Math.min(large.sendRate(), large.receiveRate())));
			}
			catch (Exception ex) {
				errors.put("latency", TimeLimit.describe(ex));
				this.progress.say("latency FAILED: %s", TimeLimit.describe(ex));
			}
		}
		catch (RuntimeException ex) {
			errors.put("node", TimeLimit.describe(ex));
			this.progress.say("FAILED: %s", TimeLimit.describe(ex));
		}
		finally {
			JParallelWorkloads.deleteQuietly(dir);
		}
		return new BrokerResults(throughput, latency, large, version, perfTestVersion, errors);
	}

	private PerfTestSummary perfTest(String uri, String what, String... extra) throws Exception {
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", this.libDir + "/*", PERF_TEST, "--uri", uri,
				"--producers", "1", "--consumers", "1", "--time", Integer.toString(this.seconds)));
		command.addAll(List.of(extra));
		if (!command.contains("--size")) {
			command.addAll(List.of("--size", "200"));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Thread reader = new Thread(() -> copy(process.getInputStream(), output), "perftest-" + what);
		reader.setDaemon(true);
		reader.start();
		long limit = this.seconds + 60L;
		long started = System.nanoTime();
		while (!process.waitFor(3, TimeUnit.SECONDS)) {
			long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
			if (elapsed > limit) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new TimeLimit.Exceeded("PerfTest " + what, Duration.ofSeconds(limit));
			}
			this.progress.say("PerfTest %s: %d/%d s%s", what, elapsed, this.seconds, lastRateLine(output));
		}
		reader.join(5000);
		String text = output.toString(StandardCharsets.UTF_8);
		try {
			return PerfTestSummary.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("PerfTest " + what + " exited with " + process.exitValue()
					+ " and no summary; its output ends: " + tail(text, 600), ex);
		}
	}

	private static String lastRateLine(ByteArrayOutputStream output) {
		String text;
		synchronized (output) {
			text = output.toString(StandardCharsets.UTF_8);
		}
		String[] lines = text.split("\n");
		for (int i = lines.length - 1; i >= 0; i--) {
			int at = lines[i].indexOf("sent: ");
			if (at >= 0) {
				int end = lines[i].indexOf(", min/median");
				return " (" + lines[i].substring(at, (end > at) ? end : lines[i].length()) + ")";
			}
		}
		return "";
	}

	private static void copy(InputStream in, ByteArrayOutputStream out) {
		byte[] buffer = new byte[8192];
		try (in) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				synchronized (out) {
					out.write(buffer, 0, n);
				}
			}
		}
		catch (IOException ex) {
			// process ended
		}
	}

	private static String tail(String text, int chars) {
		return (text.length() <= chars) ? text : "…" + text.substring(text.length() - chars);
	}

	/** The version the node announces in its AMQP server properties. */
	static String rabbitmqVersion(String uri) {
		try {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(uri);
			try (Connection connection = factory.newConnection("jparallel-bench-version")) {
				Object version = connection.getServerProperties().get("version");
				return (version != null) ? version.toString() : "unknown";
			}
		}
		catch (Exception ex) {
			return "unknown (" + TimeLimit.describe(ex) + ")";
		}
	}

	/** PerfTest's version from its jar's Maven metadata. */
	static String perfTestVersion() {
		try (InputStream in = BrokerLimit.class
			.getResourceAsStream("/META-INF/maven/com.rabbitmq/perf-test/pom.properties")) {
			if (in == null) {
				return "unknown";
			}
			java.util.Properties properties = new java.util.Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
