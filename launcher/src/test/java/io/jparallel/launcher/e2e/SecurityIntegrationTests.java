package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.Client;
import io.jparallel.launcher.cluster.BrokerUsers;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 9, security: the broker has no {@code guest}, a cluster's connection files hold its own broker user
 * (not the administrator's), which cannot touch another cluster's queues, and the hub's actuator writes
 * need the admin credentials of the client connection file. One 1-engine cluster started with
 * {@code jpcluster start --broker <admin URI>} on the shared test broker.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SecurityIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(1).withoutClient().build();

	private ConnectionInfo info;

	private BrokerUsers brokerUsers;

	@BeforeAll
	void readTheCluster() throws Exception {
		System.out.println(CLUSTER.started().output().lines().filter(line -> line.contains("Broker user")).findFirst()
			.orElse(""));
		this.info = CLUSTER.process().connectionInfo();
		this.brokerUsers = BrokerUsers.forAdminUri(TestBroker.uri(), TestBroker.managementUrl(), null);
	}

	@Test
	@Order(1)
	void theBrokerRefusesGuest() {
		URI admin = URI.create(TestBroker.uri());
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(admin.getHost());
		factory.setPort(admin.getPort());
		factory.setUsername("guest");
		factory.setPassword("guest");
		Throwable refused = catchThrowable(() -> factory.newConnection().close());
		System.out.println("guest:guest@" + admin.getHost() + ":" + admin.getPort() + " -> " + refused);
		assertThat(refused).isNotNull().hasMessageContaining("ACCESS_REFUSED");
		assertThat(this.brokerUsers.exists("guest")).isFalse();
	}

	@Test
	@Order(2)
	void theConnectionFilesHoldTheClustersOwnBrokerUserOwnerOnly() throws Exception {
		String adminUser = BrokerUsers.credentials(URI.create(TestBroker.uri()))[0];
		String user = BrokerUsers.credentials(URI.create(this.info.brokerUri()))[0];
		ConnectionInfo engineFile = ConnectionFiles.read(ConnectionFiles.engineFile(CLUSTER.process().profileDir()));
		String clientMode = PosixFilePermissions
			.toString(Files.getPosixFilePermissions(CLUSTER.process().clientFile()));
		String engineMode = PosixFilePermissions
			.toString(Files.getPosixFilePermissions(ConnectionFiles.engineFile(CLUSTER.process().profileDir())));
		System.out.printf("connection files: broker %s (admin is %s), client file %s, engine file %s, hub admin in client"
				+ " file: %s, in engine file: %s%n", this.info.brokerUriForDisplay(), adminUser, clientMode, engineMode,
				this.info.hubAdminUser() != null, engineFile.hubAdminPassword() != null);
		assertThat(user).isEqualTo("jp-" + CLUSTER.clusterId()).isNotEqualTo("guest").isNotEqualTo(adminUser);
		assertThat(Files.readString(CLUSTER.process().clientFile())).doesNotContain(TestBroker.uri())
			.doesNotContain(BrokerUsers.credentials(URI.create(TestBroker.uri()))[1]);
		assertThat(clientMode).isEqualTo("rw-------");
		assertThat(engineMode).isEqualTo("rw-------");
		assertThat(engineFile.brokerUri()).isEqualTo(this.info.brokerUri());
		assertThat(engineFile.hubAdminPassword()).isNull();
		assertThat(this.info.hubAdminUser()).isEqualTo("admin");
		assertThat(this.info.hubAdminPassword()).isNotBlank();
	}

	@Test
	@Order(3)
	void theClustersUserCannotTouchAnotherClustersQueues() throws Exception {
		String other = TestBroker.uniqueClusterId();
		String otherQueue = "jp." + other + ".client.s1.results";
		String otherVhost = "jp-" + other;
		ConnectionFactory admin = new ConnectionFactory();
		admin.setUri(TestBroker.uri());
		ConnectionFactory own = new ConnectionFactory();
		own.setUri(this.info.brokerUri());
		System.out.println("cluster user jp-" + CLUSTER.clusterId() + " in virtual host " + own.getVirtualHost());
		assertThat(own.getVirtualHost()).isEqualTo("jp-" + CLUSTER.clusterId());
		this.brokerUsers.createVirtualHost(otherVhost);
		try (Connection adminConnection = admin.newConnection(); Channel adminChannel = adminConnection.createChannel();
				Connection connection = own.newConnection()) {
			// another cluster's queue and exchange where clusters without a virtual host of their own live
			adminChannel.queueDeclare(otherQueue, false, false, true, null);
			adminChannel.exchangeDeclare("jp." + other + ".requests", "topic", false, true, null);
			try {
				String ownQueue = "jp." + CLUSTER.clusterId() + ".security-test";
				Channel ownChannel = connection.createChannel();
				ownChannel.queueDeclare(ownQueue, false, false, true, null);
				ownChannel.queueDelete(ownQueue);
				ownChannel.close();
				Map<String, Throwable> refused = new java.util.LinkedHashMap<>();
				for (String vhost : List.of("/", otherVhost)) {
					ConnectionFactory elsewhere = new ConnectionFactory();
					elsewhere.setUri(this.info.brokerUri());
					elsewhere.setVirtualHost(vhost);
					refused.put("connect to virtual host " + vhost, catchThrowable(() -> elsewhere.newConnection().close()));
				}
				refused.put("declare " + otherQueue, attempt(connection, ch -> ch.queueDeclare(otherQueue, false, false, true, null)));
				refused.put("declare jp." + other + ".new", attempt(connection, ch -> ch.queueDeclare("jp." + other + ".new", false, false, true, null)));
				refused.put("consume " + otherQueue, attempt(connection, ch -> ch.basicConsume(otherQueue, new DefaultConsumer(ch))));
				refused.put("get " + otherQueue, attempt(connection, ch -> ch.basicGet(otherQueue, true)));
				refused.put("purge " + otherQueue, attempt(connection, ch -> ch.queuePurge(otherQueue)));
				refused.put("declare exchange jp." + other + ".requests", attempt(connection,
						ch -> ch.exchangeDeclare("jp." + other + ".requests", "topic", false, true, null)));
				refused.put("bind own queue to jp." + other + ".requests", attempt(connection, ch -> {
					String q = "jp." + CLUSTER.clusterId() + ".spy";
					ch.queueDeclare(q, false, false, true, null);
					ch.queueBind(q, "jp." + other + ".requests", "#");
				}));
				refused.put("publish to jp." + other + ".requests", attempt(connection, ch -> {
					ch.confirmSelect();
					ch.basicPublish("jp." + other + ".requests", "x", null, "hi".getBytes(StandardCharsets.UTF_8));
					ch.waitForConfirmsOrDie(5_000);
				}));
				refused.forEach((what, error) -> System.out.println("jp-" + CLUSTER.clusterId() + ": " + what + " -> "
						+ ((error != null) ? firstLine(error) : "allowed")));
				assertThat(refused.values()).allSatisfy(error -> assertThat(error).isNotNull()
					.satisfiesAnyOf(e -> assertThat(e).hasStackTraceContaining("ACCESS_REFUSED"),
							e -> assertThat(e).hasStackTraceContaining("NOT_ALLOWED")));
			}
			finally {
				adminChannel.queueDelete(otherQueue);
				adminChannel.exchangeDelete("jp." + other + ".requests");
			}
		}
		finally {
			this.brokerUsers.deleteVirtualHost(otherVhost);
		}
	}

	@Test
	@Order(4)
	void hubActuatorWritesNeedTheAdminCredentialsOfTheClientFile() throws Exception {
		try (Client rc = Client.connect(CLUSTER.process().clientFile())) {
			assertThat(rc.ids()).containsExactly(0);
			assertThat(rc.get(0).<Integer>applySync(() -> 6 * 7)).isEqualTo(42);
		}
		String url = this.info.hubUrl() + "/actuator/jparallel/abort";
		String body = "{\"msgIds\":\"no-such-request\"}";
		int anonymous = post(url, body, null);
		int wrong = post(url, body, "admin:wrong");
		int admin = post(url, body, this.info.hubAdminUser() + ":" + this.info.hubAdminPassword());
		int read = get(this.info.hubUrl() + "/actuator/jparallel");
		System.out.printf("POST %s: anonymous %d, wrong password %d, client file's admin %d; GET /actuator/jparallel %d%n",
				url, anonymous, wrong, admin, read);
		assertThat(anonymous).isEqualTo(401);
		assertThat(wrong).isEqualTo(401);
		assertThat(admin).isEqualTo(200);
		assertThat(read).isEqualTo(200);
	}

	@Test
	@Order(4)
	void theSchedulerAndEnginesHaveNoActuatorWriteOperations() throws Exception {
		for (String application : List.of("SCHEDULER-SERVICE", "ENGINE-SERVICE")) {
			String base = "http://127.0.0.1:" + listedPort(application) + "/actuator";
			Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
			for (String endpoint : List.of("jparallel", "health", "info", "shutdown", "loggers/ROOT")) {
				statuses.put("POST " + endpoint, post(base + "/" + endpoint, "{\"configuredLevel\":\"OFF\"}", null));
			}
			statuses.put("GET jparallel", get(base + "/jparallel"));
			System.out.println(application + " " + base + ": " + statuses);
			assertThat(statuses.get("GET jparallel")).isEqualTo(200);
			assertThat(statuses.entrySet()).filteredOn(entry -> entry.getKey().startsWith("POST"))
				.allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).isIn(404, 405));
		}
	}

	@Test
	@Order(5)
	void stopDeletesTheClustersBrokerUser() throws Exception {
		String user = "jp-" + CLUSTER.clusterId();
		assertThat(this.brokerUsers.exists(user)).isTrue();
		JpclusterProcess.Result stopped = CLUSTER.process().run("stop");
		boolean exists = this.brokerUsers.exists(user);
		System.out.println("after jpcluster stop: broker user " + user + " exists: " + exists + "; stop printed: "
				+ stopped.output().lines().filter(line -> line.contains("broker user")).toList());
		assertThat(exists).isFalse();
		assertThat(this.brokerUsers.deleteVirtualHost(user)).as("virtual host %s left behind", user).isFalse();
		ConnectionFactory own = new ConnectionFactory();
		own.setUri(this.info.brokerUri());
		assertThat(catchThrowable(() -> own.newConnection().close())).hasMessageContaining("ACCESS_REFUSED");
	}

	private static Throwable attempt(Connection connection, ChannelAction action) {
		try (Channel channel = connection.createChannel()) {
			action.run(channel);
			return null;
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static String firstLine(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && (cause.getMessage() == null
				|| !(cause.getMessage().contains("ACCESS_REFUSED") || cause.getMessage().contains("NOT_ALLOWED")))) {
			cause = cause.getCause();
		}
		String message = String.valueOf(cause.getMessage());
		int at = message.indexOf("reply-text=");
		return (at >= 0) ? message.substring(at, Math.min(message.length(), at + 160)) : message.lines().findFirst().orElse("");
	}

	private int post(String url, String body, String credentials) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/**
	 * The port of the first instance of {@code application} in Eureka, once it is listed there as UP (a service
	 * given its port by jpcluster is listed with it while still STARTING, before it listens).
	 */
	private int listedPort(String application) {
		int[] port = new int[1];
		// the registry starts in the background (niced): it may not listen yet when the cluster is usable
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
			JsonNode instance = JSON.readTree(registry("apps/" + application)).path("application").path("instance");
			JsonNode first = instance.isArray() ? instance.get(0) : instance;
			port[0] = first.path("port").path("$").asInt();
			assertThat(port[0]).as("%s's port in the registry", application).isPositive();
			assertThat(first.path("status").asString()).as("%s's status in the registry", application).isEqualTo("UP");
		});
		return port[0];
	}

	private String registry(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.info.registryUrl() + path))
			.header("Accept", "application/json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private int get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@FunctionalInterface
	private interface ChannelAction {

		void run(Channel channel) throws Exception;

	}

}
