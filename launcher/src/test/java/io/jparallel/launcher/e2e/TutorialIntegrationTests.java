package io.jparallel.launcher.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CallOptions;
import io.jparallel.client.CompositeError;
import io.jparallel.client.DirectView;
import io.jparallel.client.RemoteError;
import io.jparallel.client.ResultMetadata;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.wire.MessageCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The seeds' getting-started session, in Java, against 4 engines started with {@code jpcluster start -n 4}
 * as separate processes on a real RabbitMQ.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TutorialIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).withoutWaitingForEngines().build();

	private final Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;

	@Test
	void startShowsEachEngineAsItRegisters() {
		System.out.println("jpcluster start printed:\n" + CLUSTER.started().output());
		assertThat(CLUSTER.started().output().lines()
			.filter(line -> line.matches("engine \\d+ registered \\(\\d/4, .* s\\)")))
			.hasSize(4)
			.anyMatch(line -> line.contains("(4/4, "));
	}

	@Test
	void engineIdsCountFromZeroAndEachEngineIsInEurekaWithItsId() {
		assertThat(CLUSTER.client().ids()).containsExactly(0, 1, 2, 3);
		// the registry starts in the background (niced): it may not listen yet when the cluster is usable
		await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(
				() -> assertThat(eurekaEngines().keySet()).containsExactlyInAnyOrder(0, 1, 2, 3));
	}

	@Test
	void applySyncOnOneEngineAndOnAll() {
		int thirty = CLUSTER.client().get(0).applySync(this.mul, 5, 6);
		assertThat(thirty).isEqualTo(30);
		assertThat(CLUSTER.client().all().applySync(this.mul, 5, 6)).containsExactly(30, 30, 30, 30);
		Integer inline = CLUSTER.client().get(1).applySync((a, b) -> a * b, 5, 6);
		assertThat(inline).isEqualTo(30);
	}

	@Test
	void mapOnTheDirectAndLoadBalancedViews() {
		List<Integer> xs = IntStream.rangeClosed(1, 9).boxed().toList();
		List<Integer> ys = IntStream.rangeClosed(2, 10).boxed().toList();
		List<Integer> expected = List.of(2, 6, 12, 20, 30, 42, 56, 72, 90);
		assertThat(CLUSTER.client().all().mapSync(this.mul, xs, ys)).isEqualTo(expected);
		assertThat(CLUSTER.client().loadBalancedView().mapSync(this.mul, xs, ys)).isEqualTo(expected);
		assertThat(CLUSTER.client().loadBalancedView().withChunksize(4).mapSync(this.mul, xs, ys)).isEqualTo(expected);
	}

	@Test
	void executeStoresEachEnginesPidAndGetReadsThem() {
		DirectView dview = CLUSTER.client().all();
		dview.execute("var a = ProcessHandle.current().pid();", CallOptions.block(true));
		List<Long> pids = dview.get("a");
		assertThat(pids).hasSize(4).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
	}

	@Test
	void pushExecuteOnSomeTargetsAndPull() {
		DirectView dview = CLUSTER.client().all().setBlock(true);
		dview.push(Map.of("a", 5, "b", 10));
		dview.execute("var c = a + b;", CallOptions.targets(0, 2));
		dview.execute("var c = a - b;", CallOptions.targets(1, 3));
		List<Integer> c = dview.<Integer>pull("c").get();
		assertThat(c).containsExactly(15, -5, 15, -5);
	}

	@Test
	void applyAsyncReturnsAtOnceAndMetadataShowsWhichEngineRanEach() {
		Fn0<Long> sleepThenPid = () -> {
			Thread.sleep(2000);
			return ProcessHandle.current().pid();
		};
		AsyncResult<List<Long>> ar = CLUSTER.client().all().applyAsync(sleepThenPid);
		assertThat(ar.ready()).isFalse();
		List<Long> pids = ar.get();
		assertThat(pids).hasSize(4).doesNotHaveDuplicates();
		assertThat(ar.ready()).isTrue();
		assertThat(ar.engineIds()).containsExactly(0, 1, 2, 3);
		for (ResultMetadata metadata : ar.metadata()) {
			assertThat(metadata.started()).isAfterOrEqualTo(metadata.submitted().minusSeconds(1));
			assertThat(Duration.between(metadata.started(), metadata.completed())).isGreaterThanOrEqualTo(
					Duration.ofMillis(1900));
		}
	}

	@Test
	void printedOutputComesBackAsTheRequestsStdout() {
		AsyncResult<List<String>> executed = CLUSTER.client()
			.all()
			.execute("System.out.println(\"hello from jshell\");");
		executed.get();
		assertThat(executed.stdout()).containsOnly("hello from jshell\n");
		AsyncResult<String> applied = CLUSTER.client().get(2).applyAsync(() -> {
			System.out.println("hello from a lambda");
			System.err.println("and its stderr");
			return "done";
		});
		assertThat(applied.get()).isEqualTo("done");
		assertThat(applied.stdout()).containsExactly("hello from a lambda\n");
		assertThat(applied.stderr()).containsExactly("and its stderr\n");
	}

	@Test
	void divisionByZeroOnAllEnginesIsACompositeErrorWithEachEnginesTrace() {
		assertThatThrownBy(() -> CLUSTER.client().all().execute("1/0;").get())
			.isInstanceOfSatisfying(CompositeError.class,
				error -> {
					assertThat(error.errors()).hasSize(4);
					assertThat(error.errors()).extracting(RemoteError::engineId).containsExactly(0, 1, 2, 3);
					assertThat(error.errors()).allSatisfy(remote -> {
						assertThat(remote.ename()).isEqualTo("java.lang.ArithmeticException");
						assertThat(remote.remoteTraceback()).contains("ArithmeticException").contains("at ");
					});
				});
	}

	@Test
	void lambdaUsingAHelperClassOnlyTheClientHasRunsOnTheEngines() {
		List<Double> areas = CLUSTER.client().all().applySync(r -> Geometry.circleArea(r), 2.0);
		assertThat(areas).hasSize(4).allSatisfy(area -> assertThat(area).isEqualTo(Math.PI * 4));
		assertThat(CLUSTER.client().loadBalancedView().mapSync(Geometry::square, List.of(1, 2, 3)))
			.containsExactly(1, 4, 9);
	}

	@Test
	void badlySignedAndMalformedMessagesAreRejectedCountedAndTheEngineGoesOnServing() throws Exception {
		ConnectionInfo info = CLUSTER.process().connectionInfo();
		// an engine registers with the hub and with Eureka independently; the latter retries at each lease renewal,
		// and the registry starts in the background (niced), so it may not listen yet
		Map<Integer, JsonNode> engines = new HashMap<>();
		await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
			engines.clear();
			engines.putAll(eurekaEngines());
			assertThat(engines).containsKey(0);
		});
		JsonNode engine0 = engines.get(0);
		String uuid = engine0.get("metadata").get("engineUuid").asString();
		String queue = info.topology().engineMuxQueue(uuid);
		String admin = "http://127.0.0.1:" + engine0.get("port").get("$").asInt() + "/actuator/jparallel";

		MessageCodec wrongKey = MessageCodec.withKey("not the cluster key, 32+ bytes..".getBytes(StandardCharsets.UTF_8));
		Message forged = Message.request(
				Header.create(MessageType.EXECUTE_REQUEST, CLUSTER.client().session(), "mallory"),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, "0"),
				Map.of("code", "var forged = 42;"), List.of());
		CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(info.brokerUri()));
		try {
			RabbitTemplate template = new RabbitTemplate(factory);
			template.send("", queue, new org.springframework.amqp.core.Message(wrongKey.encode(forged), new MessageProperties()));
			template.send("", queue, new org.springframework.amqp.core.Message(
					"{\"this is\": \"not a message\"}".getBytes(StandardCharsets.UTF_8), new MessageProperties()));
		}
		finally {
			factory.destroy();
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode rejected = JSON.readTree(httpGet(admin)).get("rejected");
			assertThat(rejected.get("bad_signature").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(rejected.get("malformed").asLong()).isGreaterThanOrEqualTo(1);
		});
		assertThat(CLUSTER.client().get(0).applySync(this.mul, 6, 7)).isEqualTo(42);
		assertThatThrownBy(() -> CLUSTER.client().get(0).get("forged")).isInstanceOf(RemoteError.class)
			.hasMessageContaining("forged");
		assertThat(engineLogs()).contains("BAD_SIGNATURE").contains("MALFORMED");
	}

	/** All engine processes' logs (process names need not match engine ids). */
	private String engineLogs() throws Exception {
		StringBuilder logs = new StringBuilder();
		try (var files = Files.list(CLUSTER.process().profileDir().resolve("log"))) {
			for (Path log : files.filter(f -> f.getFileName().toString().startsWith("engine-")).toList()) {
				logs.append(Files.readString(log));
			}
		}
		return logs.toString();
	}

	/** Engines in Eureka, by the engine id in their instance metadata. */
	private Map<Integer, JsonNode> eurekaEngines() throws Exception {
		String registry = CLUSTER.process().connectionInfo().registryUrl();
		JsonNode application = JSON.readTree(httpGet(registry + "apps/ENGINE-SERVICE")).get("application");
		Map<Integer, JsonNode> engines = new HashMap<>();
		if (application == null) {
			return engines;
		}
		JsonNode instances = application.get("instance");
		List<JsonNode> list = new ArrayList<>();
		if (instances.isArray()) {
			instances.forEach(list::add);
		}
		else {
			list.add(instances);
		}
		for (JsonNode instance : list) {
			JsonNode id = instance.path("metadata").get("engineId");
			if (id != null && "UP".equals(instance.get("status").asString())) {
				engines.put(Integer.parseInt(id.asString()), instance);
			}
		}
		return engines;
	}

	private String httpGet(String url) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
		return response.body();
	}

	/** Only on the client's classpath: the engines fetch it when a lambda needs it. */
	static final class Geometry {

		static double circleArea(double radius) {
			return Math.PI * radius * radius;
		}

		static int square(int x) {
			return x * x;
		}

	}

}
