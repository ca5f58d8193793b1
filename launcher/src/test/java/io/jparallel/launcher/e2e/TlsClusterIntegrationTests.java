package io.jparallel.launcher.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CallOptions;
import io.jparallel.client.Client;
import io.jparallel.client.CompositeError;
import io.jparallel.client.DirectView;
import io.jparallel.launcher.cluster.BrokerUsers;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, TLS: a broker with a TLS listener and a certificate this test makes (its own CA), a cluster
 * started with {@code jpcluster start --broker amqps://... --broker-ca ca.pem}; the getting-started steps
 * run, and every connection of the cluster's broker user is TLS.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TlsClusterIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Path dir;

	private PrivateRabbitNode node;

	private int tlsPort;

	private TestCertificates certificates;

	private JpclusterProcess cluster;

	private String clusterId;

	private Client rc;

	private final Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;

	@BeforeAll
	void startTlsBrokerAndCluster() throws Exception {
		this.dir = Files.createTempDirectory("jparallel-tls");
		this.certificates = TestCertificates.create(this.dir.resolve("certs"));
		this.tlsPort = FreePorts.pick();
		this.node = PrivateRabbitNode.start(this.dir.resolve("rabbitmq"), PrivateRabbitNode.DEFAULT_START_TIMEOUT,
				this.certificates.rabbitListener(this.tlsPort));
		this.clusterId = TestBroker.uniqueClusterId();
		String adminTls = "amqps://" + this.node.adminUser() + ":" + this.node.adminPassword() + "@127.0.0.1:"
				+ this.tlsPort;
		this.cluster = new JpclusterProcess(this.dir);
		this.cluster.start("-n", "2", "--broker", adminTls, "--broker-management", this.node.managementUrl(),
				"--broker-ca", this.certificates.caCertificate().toString(), "--cluster-id", this.clusterId);
		this.rc = Client.connect(this.cluster.clientFile());
	}

	@AfterAll
	void stop() throws Exception {
		if (this.rc != null) {
			this.rc.close();
		}
		if (this.cluster != null) {
			this.cluster.run("stop");
		}
		if (this.node != null) {
			this.node.stop();
		}
	}

	@Test
	void theConnectionFileNamesAnAmqpsBrokerAndItsCa() {
		ConnectionInfo info = this.cluster.connectionInfo();
		System.out.println("TLS cluster connection file: broker " + info.brokerUriForDisplay() + ", CA certificate "
				+ ((info.brokerCaCertificate() != null) ? info.brokerCaCertificate().length() + " chars of PEM" : "none")
				+ "; plain AMQP port of the node " + this.node.port() + ", TLS port " + this.tlsPort);
		assertThat(info.brokerUri()).startsWith("amqps://jp-" + this.clusterId + ":");
		assertThat(URI.create(info.brokerUri()).getPort()).isEqualTo(this.tlsPort);
		assertThat(info.isTls()).isTrue();
		assertThat(info.brokerCaCertificate()).contains("-----BEGIN CERTIFICATE-----");
		try (ClusterConnection connection = new ClusterConnection(info, "tls-check", false)) {
			connection.connectionFactory().createConnection().close();
			System.out.println("ClusterConnection from the client file: isTls=" + connection.isTls());
			assertThat(connection.isTls()).isTrue();
		}
	}

	@Test
	void withoutTheCaTheBrokersCertificateIsRefused() {
		ConnectionInfo info = this.cluster.connectionInfo();
		ConnectionInfo untrusted = new ConnectionInfo(info.clusterId(), info.brokerUri(), info.key(), info.registryUrl(),
				info.hubUrl());
		try (ClusterConnection connection = new ClusterConnection(untrusted, "tls-untrusted", false)) {
			Throwable refused = catchThrowable(() -> connection.connectionFactory().createConnection().close());
			Throwable cause = refused;
			while (cause != null && !(cause instanceof SSLException)) {
				cause = cause.getCause();
			}
			System.out.println("amqps without the CA (JVM trust store only): " + cause);
			assertThat(cause).isInstanceOf(SSLException.class);
		}
	}

	@Test
	void theTutorialStepsRunOverTls() {
		assertThat(this.rc.ids()).containsExactly(0, 1);
		int thirty = this.rc.get(0).applySync(this.mul, 5, 6);
		assertThat(thirty).isEqualTo(30);
		assertThat(this.rc.all().applySync(this.mul, 5, 6)).containsExactly(30, 30);

		List<Integer> xs = IntStream.rangeClosed(1, 9).boxed().toList();
		List<Integer> ys = IntStream.rangeClosed(2, 10).boxed().toList();
		List<Integer> products = List.of(2, 6, 12, 20, 30, 42, 56, 72, 90);
		assertThat(this.rc.all().mapSync(this.mul, xs, ys)).isEqualTo(products);
		assertThat(this.rc.loadBalancedView().mapSync(this.mul, xs, ys)).isEqualTo(products);

		DirectView dview = this.rc.all().setBlock(true);
		dview.execute("var a = ProcessHandle.current().pid();");
		List<Long> pids = dview.get("a");
		assertThat(pids).hasSize(2).doesNotHaveDuplicates();

		dview.push(Map.of("a", 5, "b", 10));
		dview.execute("var c = a + b;", CallOptions.targets(0));
		dview.execute("var c = a - b;", CallOptions.targets(1));
		List<Integer> c = dview.<Integer>pull("c").get();
		assertThat(c).containsExactly(15, -5);

		Fn0<Long> sleepThenPid = () -> {
			Thread.sleep(1000);
			return ProcessHandle.current().pid();
		};
		AsyncResult<List<Long>> ar = this.rc.all().applyAsync(sleepThenPid);
		boolean readyAtOnce = ar.ready();
		List<Long> slept = ar.get();
		assertThat(slept).containsExactlyElementsOf(pids);

		AsyncResult<List<String>> printed = this.rc.all().execute("System.out.println(\"hello from engine \" + a);");
		printed.get();
		assertThatThrownBy(() -> this.rc.all().execute("1/0;").get()).isInstanceOf(CompositeError.class)
			.hasMessageContaining("ArithmeticException");
		System.out.printf("tutorial over TLS: ids %s, mul(5,6)=%d, map %s, pids %s, pull(c) %s, applyAsync ready at once"
				+ " %s then %s, stdout %s, 1/0 -> CompositeError%n", this.rc.ids(), thirty, products, pids, c,
				readyAtOnce, slept, printed.stdout());
	}

	@Test
	void everyConnectionOfTheClustersUserIsTls() {
		BrokerUsers admin = new BrokerUsers(this.node.managementUrl(), this.node.adminUser(), this.node.adminPassword(),
				null);
		String user = "jp-" + this.clusterId;
		List<JsonNode> connections = new ArrayList<>();
		// hub, scheduler, 2 engines and this test's client (management statistics lag a few seconds)
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			connections.clear();
			for (JsonNode connection : JSON.readTree(admin.connectionsJson())) {
				if (user.equals(connection.path("user").asString())) {
					connections.add(connection);
				}
			}
			assertThat(connections).hasSizeGreaterThanOrEqualTo(5);
		});
		for (JsonNode connection : connections) {
			System.out.printf("  %s: ssl=%s %s %s, broker port %s%n",
					connection.path("client_properties").path("connection_name").asString(""),
					connection.path("ssl").asBoolean(), connection.path("ssl_protocol").asString(""),
					connection.path("ssl_cipher").asString(""), connection.path("port").asInt());
		}
		System.out.println(connections.size() + " connections of " + user + ", all TLS on port " + this.tlsPort
				+ ", none on the plain port " + this.node.port());
		assertThat(connections).allSatisfy(connection -> {
			assertThat(connection.path("ssl").asBoolean()).isTrue();
			assertThat(connection.path("port").asInt()).isEqualTo(this.tlsPort);
		});
		assertThat(URI.create(this.cluster.connectionInfo().brokerUri()).getPort()).isNotEqualTo(this.node.port());
	}

}
