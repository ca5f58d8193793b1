package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.InboundMessages;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.protocol.wire.Batch;
import io.jparallel.protocol.wire.InvalidMessageException;
import io.jparallel.protocol.wire.MessageCodec;
import io.jparallel.protocol.wire.MessageSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, "Bad input": random, truncated, oversized, unsigned, wrongly signed and replayed messages (and
 * batches of bad ones) go to every queue and exchange of a running 2-engine cluster while real work runs
 * (2,000 load-balanced tasks and direct calls on both engines). Every service stays up, every reject is
 * counted by reason on the service that received it, and the real work completes with the right values.
 * <p>
 * The services accept messages up to {@value #MAX_MESSAGE_BYTES} bytes here (system property
 * {@code jparallel.max-message-bytes}, through {@code JPARALLEL_JVM_OPTS}), so an oversized message is one
 * the broker still carries (16 MiB). What each service should reject is worked out by passing every sent
 * body through the same codec, the way each consumer does ({@code accept} or the batch-aware
 * {@code acceptAll}, replays rejected by engines only), and compared with the counts of
 * {@code /actuator/jparallel} exactly; only how the shared task queue's garbage split between the two
 * engines is left open. The forged messages are dangerous ones ({@code System.exit} on engines, a shutdown
 * to the hub and to engines, an engine's unregistration to the client and scheduler), so one accepted by
 * mistake would show.
 */
class FuzzIntegrationTests {

	/** Just over one chunk's size: real traffic (chunked above 1 MiB) fits, garbage above it is oversized. */
	private static final int MAX_MESSAGE_BYTES = 1024 * 1024 + 64 * 1024;

	/** {@code ClusterConnection.MAX_MESSAGE_BYTES_PROPERTY}: a JVM system property every participant reads. */
	private static final String MAX_MESSAGE_BYTES_PROPERTY = "jparallel.max-message-bytes";

	private static final int TASKS = 2000;

	private static final int DIRECT_CALLS = 200;

	/** Rounds of garbage over every route, at least; more while the real work still runs. */
	private static final int MIN_ROUNDS = 3;

	private static final int MAX_ROUNDS = 40;

	/** Rounds that include an oversized message per route (each is over 1 MiB). */
	private static final int OVERSIZED_ROUNDS = 3;

	private static final List<String> KINDS = List.of("random", "truncated", "oversized", "unsigned", "wrong_key",
			"batch", "replayed");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void garbageOnEveryQueueAndExchangeIsRejectedAndCountedWhileRealWorkCompletes() throws Exception {
		JpclusterProcess cluster = new JpclusterProcess(Files.createTempDirectory("jparallel-fuzz"));
		String inherited = System.getenv("JPARALLEL_JVM_OPTS");
		cluster.withEnvironment("JPARALLEL_JVM_OPTS", ((inherited != null) ? inherited + " " : "")
				+ "-D" + MAX_MESSAGE_BYTES_PROPERTY + "=" + MAX_MESSAGE_BYTES);
		cluster.start("-n", "2", "--broker", TestBroker.uri(), "--cluster-id", TestBroker.uniqueClusterId());
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CachingConnectionFactory factory = null;
		// this test's client takes the cluster's limit too: an oversized message is one signed with the key
		System.setProperty(MAX_MESSAGE_BYTES_PROPERTY, String.valueOf(MAX_MESSAGE_BYTES));
		try (Client rc = Client.connect(cluster.clientFile())) {
			rc.waitForEngines(2, Duration.ofSeconds(60));
			ConnectionInfo info = cluster.connectionInfo();
			Map<String, String> actuators = actuators(info);
			Map<String, Long> pids = pids(cluster.profileDir());
			assertThat(pids).hasSize(5);
			Map<String, Map<String, Long>> before = rejectedCounts(actuators, rc);

			factory = new CachingConnectionFactory(URI.create(info.brokerUri()));
			factory.setPublisherReturns(true);
			RabbitTemplate template = new RabbitTemplate(factory);
			template.setMandatory(true);
			List<String> unroutable = new CopyOnWriteArrayList<>();
			template.setReturnsCallback(returned -> unroutable
				.add(returned.getExchange() + "/" + returned.getRoutingKey() + ": " + returned.getReplyText()));
			Fuzzer fuzzer = new Fuzzer(info, template, rc.session(), engineUuids(info), System.nanoTime());
			// every service consuming (a scheduler still asking the hub for its engines has not declared its queues)
			RabbitAdmin admin = new RabbitAdmin(factory);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(health(actuators, "/readiness")).as("readiness").allSatisfy(
						(name, status) -> assertThat(status).as(name).isEqualTo("UP"));
				for (String queue : fuzzer.serviceQueues()) {
					assertThat(admin.getQueueProperties(queue)).as(queue).isNotNull();
				}
			});
			Map<String, String> healthBefore = health(actuators, "");

			// the garbage starts first and goes on until the real work is done (and at least MIN_ROUNDS)
			AtomicBoolean workDone = new AtomicBoolean();
			long started = System.nanoTime();
			Future<?> fuzzing = pool.submit(() -> fuzzer.run(workDone::get));
			await().atMost(Duration.ofSeconds(20)).until(() -> fuzzer.rounds() >= 1 || fuzzing.isDone());
			Fn1<Integer, Long> square = x -> (long) x * x;
			AsyncResult<List<Long>> mapped = rc.loadBalancedView()
				.mapAsync(square, IntStream.range(0, TASKS).boxed().toList());
			Fn1<Integer, Integer> increment = x -> x + 1;
			Future<List<Integer>> direct = pool.submit(() -> {
				List<Integer> results = new ArrayList<>();
				for (int i = 0; i < DIRECT_CALLS; i++) {
					results.add(rc.get(i % 2).applySync(increment, i));
				}
				return results;
			});
			List<Long> squares = mapped.get(Duration.ofSeconds(60));
			List<Integer> incremented = direct.get(60, TimeUnit.SECONDS);
			double workS = (System.nanoTime() - started) / 1e9;
			int roundsDuringWork = fuzzer.rounds();
			workDone.set(true);
			fuzzing.get(60, TimeUnit.SECONDS);
			double fuzzS = (System.nanoTime() - started) / 1e9;

			// every real task completed, with the right value
			assertThat(squares).containsExactlyElementsOf(IntStream.range(0, TASKS).mapToObj(x -> (long) x * x).toList());
			assertThat(incremented).containsExactlyElementsOf(IntStream.range(1, DIRECT_CALLS + 1).boxed().toList());
			assertThat(roundsDuringWork).as("rounds of garbage sent while the real work ran").isGreaterThanOrEqualTo(1);
			assertThat(unroutable).as("garbage the broker could not route").isEmpty();

			// every reject counted by reason, on the service that got it
			Map<String, Map<String, Long>> expected = fuzzer.expectedRejects();
			Map<String, Map<String, Long>> rejected = new LinkedHashMap<>();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				Map<String, Map<String, Long>> now = delta(rejectedCounts(actuators, rc), before);
				rejected.clear();
				rejected.putAll(now);
				assertThat(now.get("hub")).as("hub").isEqualTo(expected.get("hub"));
				assertThat(now.get("scheduler")).as("scheduler").isEqualTo(expected.get("scheduler"));
				assertThat(now.get("client")).as("client").isEqualTo(expected.get("client"));
				assertThat(sum(now.get("engine0"), now.get("engine1"))).as("engines")
					.isEqualTo(sum(expected.get("engine0"), expected.get("engine1"), expected.get("engine?")));
				assertAtLeast(now.get("engine0"), expected.get("engine0"), "engine0");
				assertAtLeast(now.get("engine1"), expected.get("engine1"), "engine1");
			});
			assertThat(rejected.get("engine0").get("replayed")).isPositive();
			assertThat(rejected.get("engine1").get("replayed")).isPositive();
			assertThat(rejected.get("hub").get("oversized")).isPositive();

			// every service is still up, and still serving
			Map<String, Boolean> alive = new TreeMap<>();
			pids.forEach((name, pid) -> alive.put(name, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
			Map<String, String> liveness = health(actuators, "/liveness");
			Map<String, String> readiness = health(actuators, "/readiness");
			Map<String, String> health = health(actuators, "");
			long servicesAlive = alive.values().stream().filter(Boolean::booleanValue).count();
			assertThat(alive).as("service processes alive").allSatisfy((name, up) -> assertThat(up).as(name).isTrue());
			assertThat(liveness).as("liveness").hasSize(5)
				.allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));
			assertThat(readiness).as("readiness").hasSize(5)
				.allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));
			// overall health includes indicators the garbage has nothing to do with: it must not have changed
			assertThat(health).as("overall health, before the garbage %s", healthBefore).isEqualTo(healthBefore);
			assertThat(rc.ids()).containsExactly(0, 1);
			assertThat(rc.get(0).applySync(increment, 41)).isEqualTo(42);
			assertThat(rc.get(1).applySync(increment, 41)).isEqualTo(42);
			assertThat(rc.loadBalancedView().mapSync(square, List.of(3, 4))).containsExactly(9L, 16L);

			System.out.printf("fuzz: sent %s to %d queues/%d exchanges (%d routes, %d rounds in %.1f s, %d of them "
					+ "while the real work ran; seed %d); rejected hub %s scheduler %s engine0 %s engine1 %s client %s; "
					+ "services alive %d/%d (liveness and readiness UP; overall health %s, as before); "
					+ "real tasks completed %d/%d load-balanced + %d/%d direct in %.1f s%n", fuzzer.sentByKind(),
					fuzzer.queues(), fuzzer.exchanges(), fuzzer.routes(), fuzzer.rounds(), fuzzS, roundsDuringWork,
					fuzzer.seed(),
					rejected.get("hub"), rejected.get("scheduler"), rejected.get("engine0"), rejected.get("engine1"),
					rejected.get("client"), servicesAlive, pids.size(), health, squares.size(), TASKS,
					incremented.size(), DIRECT_CALLS, workS);
		}
		finally {
			System.clearProperty(MAX_MESSAGE_BYTES_PROPERTY);
			pool.shutdownNow();
			if (factory != null) {
				factory.destroy();
			}
			cluster.run("stop");
		}
	}

	private static void assertAtLeast(Map<String, Long> actual, Map<String, Long> floor, String service) {
		floor.forEach((reason, count) -> assertThat(actual.getOrDefault(reason, 0L)).as(service + " " + reason)
			.isGreaterThanOrEqualTo(count));
	}

	@SafeVarargs
	private static Map<String, Long> sum(Map<String, Long>... counts) {
		Map<String, Long> total = reasons();
		for (Map<String, Long> one : counts) {
			one.forEach((reason, count) -> total.merge(reason, count, Long::sum));
		}
		return total;
	}

	private static Map<String, Long> reasons() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (InvalidMessageException.Reason reason : InvalidMessageException.Reason.values()) {
			counts.put(reason.name().toLowerCase(), 0L);
		}
		return counts;
	}

	private static Map<String, Map<String, Long>> delta(Map<String, Map<String, Long>> now,
			Map<String, Map<String, Long>> before) {
		Map<String, Map<String, Long>> delta = new LinkedHashMap<>();
		now.forEach((service, counts) -> {
			Map<String, Long> grown = reasons();
			counts.forEach((reason, count) -> grown.put(reason,
					count - before.getOrDefault(service, Map.of()).getOrDefault(reason, 0L)));
			delta.put(service, grown);
		});
		return delta;
	}

	/** Rejected counts by reason of hub, scheduler, engine0, engine1 (actuators) and this test's client. */
	private Map<String, Map<String, Long>> rejectedCounts(Map<String, String> actuators, Client rc) throws Exception {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		for (String service : List.of("hub", "scheduler", "engine0", "engine1")) {
			JsonNode status = JSON.readTree(httpGet(actuators.get(service) + "/actuator/jparallel"));
			JsonNode rejected = "hub".equals(service) ? status.path("messages").path("rejected") : status.path("rejected");
			assertThat(rejected.isObject()).as("%s reports its rejected messages by reason: %s", service, status).isTrue();
			Map<String, Long> byReason = reasons();
			rejected.properties().forEach(entry -> byReason.put(entry.getKey(), entry.getValue().asLong()));
			counts.put(service, byReason);
		}
		Map<String, Long> client = reasons();
		client.putAll(clientInbound(rc).rejectedCounts());
		counts.put("client", client);
		return counts;
	}

	/** The client's gate for what it receives (results, class requests, notifications). */
	private static InboundMessages clientInbound(Client rc) throws ReflectiveOperationException {
		Field field = Client.class.getDeclaredField("cluster");
		field.setAccessible(true);
		return ((ClusterConnection) field.get(rc)).inbound();
	}

	/** Actuator base URLs of registry, hub, scheduler, engine0 and engine1 (scheduler and engines from Eureka). */
	private Map<String, String> actuators(ConnectionInfo info) {
		Map<String, String> actuators = new LinkedHashMap<>();
		actuators.put("registry", info.registryUrl().replaceFirst("/eureka/?$", ""));
		actuators.put("hub", info.hubUrl().replaceFirst("/$", ""));
		// the registry starts in the background (niced): it may not listen yet when the cluster is usable
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			List<JsonNode> schedulers = eurekaInstances(info, "SCHEDULER-SERVICE");
			List<JsonNode> engines = eurekaInstances(info, "ENGINE-SERVICE");
			assertThat(schedulers).hasSize(1);
			assertThat(engines).hasSize(2).allSatisfy(engine -> assertThat(engine.path("metadata").has("engineId")).isTrue());
			actuators.put("scheduler", "http://127.0.0.1:" + schedulers.get(0).get("port").get("$").asInt());
			for (JsonNode engine : engines) {
				actuators.put("engine" + engine.get("metadata").get("engineId").asString(),
						"http://127.0.0.1:" + engine.get("port").get("$").asInt());
			}
		});
		assertThat(actuators).containsKeys("engine0", "engine1");
		return actuators;
	}

	/** Engine uuid by engine id, from Eureka's instance metadata. */
	private Map<Integer, String> engineUuids(ConnectionInfo info) throws Exception {
		Map<Integer, String> uuids = new TreeMap<>();
		for (JsonNode engine : eurekaInstances(info, "ENGINE-SERVICE")) {
			uuids.put(Integer.parseInt(engine.get("metadata").get("engineId").asString()),
					engine.get("metadata").get("engineUuid").asString());
		}
		assertThat(uuids).containsOnlyKeys(0, 1);
		return uuids;
	}

	private List<JsonNode> eurekaInstances(ConnectionInfo info, String application) throws Exception {
		HttpResponse<String> response = get(info.registryUrl() + "apps/" + application);
		List<JsonNode> up = new ArrayList<>();
		if (response.statusCode() != 200) {
			return up;
		}
		JsonNode instances = JSON.readTree(response.body()).path("application").path("instance");
		List<JsonNode> all = new ArrayList<>();
		if (instances.isArray()) {
			instances.forEach(all::add);
		}
		else if (instances.isObject()) {
			all.add(instances);
		}
		for (JsonNode instance : all) {
			if ("UP".equals(instance.path("status").asString())) {
				up.add(instance);
			}
		}
		return up;
	}

	/** Each service process's pid, by its pid file's name. */
	private static Map<String, Long> pids(Path profileDir) throws IOException {
		Map<String, Long> pids = new TreeMap<>();
		try (var files = Files.list(profileDir.resolve("pid"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().matches("(registry|hub|scheduler|engine).*\\.pid"))
				.toList()) {
				pids.put(file.getFileName().toString().replaceFirst("\\.pid$", ""),
						Long.parseLong(Files.readAllLines(file).get(0).strip()));
			}
		}
		return pids;
	}

	/** {@code /actuator/health<group>} status of every service. */
	private Map<String, String> health(Map<String, String> actuators, String group) {
		Map<String, String> health = new TreeMap<>();
		actuators.forEach((service, actuator) -> health.put(service, health(actuator + "/actuator/health" + group)));
		return health;
	}

	private String health(String url) {
		try {
			HttpResponse<String> response = get(url);
			return JSON.readTree(response.body()).path("status").asString("HTTP " + response.statusCode());
		}
		catch (Exception ex) {
			return "unreachable: " + ex;
		}
	}

	private String httpGet(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A consumer a route reaches: the service it belongs to, and whether it reads batches ({@code acceptAll}). */
	private record Consumer(String service, boolean batches) {
	}

	/** What a forged message pretends to be, chosen to do harm if it were accepted. */
	private enum Forgery {

		/** A shutdown of the whole cluster, to the hub. */
		HUB_SHUTDOWN,
		/** A heartbeat of an engine that does not exist. */
		HEARTBEAT,
		/** {@code System.exit} on every engine, broadcast through the scheduler. */
		EXIT_BROADCAST,
		/** A task_done notice that would corrupt the scheduler's loads. */
		TASK_DONE,
		/** {@code System.exit} on one engine. */
		EXIT,
		/** A shutdown of one engine. */
		ENGINE_SHUTDOWN,
		/** A reply to a request nobody sent. */
		REPLY,
		/** A class request. */
		CLASS_REQUEST,
		/** The announcement that engine 0 left. */
		UNREGISTRATION

	}

	/**
	 * Where garbage goes: an exchange and routing key (the default exchange and a queue name for a queue),
	 * what it forges and which consumers it reaches.
	 */
	private record Route(String label, String exchange, String routingKey, Forgery forgery, List<Consumer> consumers) {
	}

	/**
	 * Sends rounds of garbage over every route and works out, consumer by consumer, what each service must
	 * reject: every body goes through the services' own codec (cluster key, the lowered size limit) the way
	 * the consumer reads it.
	 */
	private static final class Fuzzer {

		private final Topology topology;

		private final RabbitTemplate template;

		private final String clientSession;

		private final Map<Integer, String> uuids;

		private final long seed;

		private final Random random;

		/** Signs with the cluster key; no size limit below the broker's, so it can build oversized messages. */
		private final MessageCodec signer;

		/** What the services decode with. */
		private final MessageCodec services;

		private final MessageCodec wrongKey;

		private final List<Route> routes = new ArrayList<>();

		private final Map<String, Long> sent = new ConcurrentHashMap<>();

		private final Map<String, Map<String, Long>> expected = new LinkedHashMap<>();

		private final Map<String, Set<String>> seenByEngine = new HashMap<>();

		private final AtomicInteger rounds = new AtomicInteger();

		private final String replaySession = "fuzz-replay-" + System.nanoTime();

		Fuzzer(ConnectionInfo info, RabbitTemplate template, String clientSession, Map<Integer, String> uuids, long seed) {
			this.topology = info.topology();
			this.template = template;
			this.clientSession = clientSession;
			this.uuids = uuids;
			this.seed = seed;
			this.random = new Random(seed);
			this.signer = new MessageCodec(new MessageSigner(info.keyBytes()));
			this.services = new MessageCodec(new MessageSigner(info.keyBytes()), MAX_MESSAGE_BYTES);
			byte[] otherKey = new byte[32];
			this.random.nextBytes(otherKey);
			this.wrongKey = MessageCodec.withKey(otherKey);
			for (String service : List.of("hub", "scheduler", "engine0", "engine1", "engine?", "client")) {
				this.expected.put(service, reasons());
			}
			KINDS.forEach(kind -> this.sent.put(kind, 0L));
			addRoutes();
		}

		private void addRoutes() {
			Topology t = this.topology;
			Consumer hubAll = new Consumer("hub", true);
			Consumer hubOne = new Consumer("hub", false);
			Consumer schedulerAll = new Consumer("scheduler", true);
			Consumer anyEngine = new Consumer("engine?", true);
			Consumer clientAll = new Consumer("client", true);
			Consumer clientOne = new Consumer("client", false);
			// straight to every queue
			queue(t.hubQueue(), Forgery.HUB_SHUTDOWN, hubOne);
			queue(t.hubHeartbeatQueue(), Forgery.HEARTBEAT, hubOne);
			queue(t.hubAuditQueue(), Forgery.EXIT_BROADCAST, hubAll);
			queue(t.schedulerQueue(), Forgery.EXIT_BROADCAST, schedulerAll);
			queue(t.schedulerNoticesQueue(), Forgery.TASK_DONE, schedulerAll);
			queue(t.sharedTaskQueue(), Forgery.EXIT, anyEngine);
			this.uuids.forEach((id, uuid) -> {
				queue(t.engineMuxQueue(uuid), Forgery.EXIT, new Consumer("engine" + id, true));
				queue(t.engineControlQueue(uuid), Forgery.ENGINE_SHUTDOWN, new Consumer("engine" + id, true));
			});
			queue(t.clientResultsQueue(this.clientSession), Forgery.REPLY, clientAll);
			queue(t.clientClassQueue(this.clientSession), Forgery.CLASS_REQUEST, clientOne);
			queue(t.notificationsQueue(this.clientSession), Forgery.UNREGISTRATION, clientOne);
			// to every exchange, with the keys its queues are bound with
			exchange(t.requestsExchange(), "fuzz-session", Forgery.EXIT_BROADCAST, schedulerAll, hubAll);
			this.uuids.forEach((id, uuid) -> {
				exchange(t.muxExchange(), uuid, Forgery.EXIT, new Consumer("engine" + id, true));
				exchange(t.controlExchange(), uuid, Forgery.ENGINE_SHUTDOWN, new Consumer("engine" + id, true));
			});
			exchange(t.taskExchange(), Topology.SHARED_TASKS_KEY, Forgery.EXIT, anyEngine);
			exchange(t.schedulerExchange(), Topology.SCHEDULER_NOTICES_KEY, Forgery.TASK_DONE, schedulerAll);
			exchange(t.resultsExchange(), this.clientSession, Forgery.REPLY, clientAll, hubAll);
			// fanouts: the scheduler's and the client's notification queues; the hub's heartbeat queue
			exchange(t.notificationsExchange(), "", Forgery.UNREGISTRATION, new Consumer("scheduler", false), clientOne);
			exchange(t.heartbeatExchange(), "", Forgery.HEARTBEAT, hubOne);
		}

		private void queue(String queue, Forgery forgery, Consumer... consumers) {
			this.routes.add(new Route("queue " + queue, "", queue, forgery, List.of(consumers)));
		}

		private void exchange(String exchange, String key, Forgery forgery, Consumer... consumers) {
			this.routes.add(new Route("exchange " + exchange + " key '" + key + "'", exchange, key, forgery,
					List.of(consumers)));
		}

		/** The queues of the services (not this test's client's exclusive ones). */
		List<String> serviceQueues() {
			return this.routes.stream()
				.filter(route -> route.exchange().isEmpty() && !route.consumers().get(0).service().equals("client"))
				.map(Route::routingKey)
				.toList();
		}

		int queues() {
			return (int) this.routes.stream().filter(route -> route.exchange().isEmpty()).count();
		}

		int exchanges() {
			return (int) this.routes.stream().map(Route::exchange).filter(e -> !e.isEmpty()).distinct().count();
		}

		int routes() {
			return this.routes.size();
		}

		int rounds() {
			return this.rounds.get();
		}

		long seed() {
			return this.seed;
		}

		Map<String, Long> sentByKind() {
			Map<String, Long> byKind = new LinkedHashMap<>();
			KINDS.forEach(kind -> byKind.put(kind, this.sent.get(kind)));
			return byKind;
		}

		synchronized Map<String, Map<String, Long>> expectedRejects() {
			Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
			this.expected.forEach((service, counts) -> copy.put(service, new LinkedHashMap<>(counts)));
			return copy;
		}

		/** Rounds over every route until {@code done} (and at least {@link #MIN_ROUNDS}). */
		void run(BooleanSupplier done) {
			while (this.rounds.get() < MAX_ROUNDS && (this.rounds.get() < MIN_ROUNDS || !done.getAsBoolean())) {
				round(this.rounds.get());
				this.rounds.incrementAndGet();
			}
		}

		private synchronized void round(int round) {
			for (Route route : this.routes) {
				send(route, "random", randomBytes());
				send(route, "random", randomBytes());
				send(route, "truncated", truncated(route));
				send(route, "truncated", truncated(route));
				byte[] unsigned = signed(route);
				Arrays.fill(unsigned, 3, 3 + MessageSigner.SIGNATURE_LENGTH, (byte) 0);
				send(route, "unsigned", unsigned);
				byte[] signed = signed(route);
				byte[] stripped = new byte[signed.length - MessageSigner.SIGNATURE_LENGTH];
				System.arraycopy(signed, 0, stripped, 0, 3);
				System.arraycopy(signed, 3 + MessageSigner.SIGNATURE_LENGTH, stripped, 3, stripped.length - 3);
				send(route, "unsigned", stripped);
				send(route, "wrong_key", this.wrongKey.encode(forge(route)));
				send(route, "batch", Batch.pack(List.of(this.wrongKey.encode(forge(route)), truncated(route), randomBytes())));
				if (round < OVERSIZED_ROUNDS) {
					send(route, "oversized", oversized(route));
				}
			}
			// replays of valid messages, which engines reject: straight to each engine's mux and control queues,
			// and through the scheduler (which forwards both copies)
			this.uuids.forEach((id, uuid) -> {
				Consumer engine = new Consumer("engine" + id, true);
				replay(new Route("queue " + this.topology.engineMuxQueue(uuid), "", this.topology.engineMuxQueue(uuid),
						null, List.of(engine)), execute(id, "1 + 1;"));
				replay(new Route("queue " + this.topology.engineControlQueue(uuid), "",
						this.topology.engineControlQueue(uuid), null, List.of(engine)), propertiesRead(id));
				replay(new Route("exchange " + this.topology.requestsExchange(), this.topology.requestsExchange(),
						this.replaySession, null,
						List.of(new Consumer("scheduler", true), new Consumer("hub", true), engine)), execute(id, "2 + 2;"));
			});
		}

		private void replay(Route route, Message valid) {
			byte[] bytes = this.signer.encode(valid);
			publish(route, bytes);
			expect(route, bytes);
			publish(route, bytes);
			expect(route, bytes);
			this.sent.merge("replayed", 1L, Long::sum);
		}

		private void send(Route route, String kind, byte[] body) {
			publish(route, body);
			expect(route, body);
			this.sent.merge(kind, 1L, Long::sum);
		}

		private void publish(Route route, byte[] body) {
			this.template.send(route.exchange(), route.routingKey(),
					new org.springframework.amqp.core.Message(body, new MessageProperties()));
		}

		/** Counts what each consumer the route reaches must reject, reading the body as that consumer does. */
		private void expect(Route route, byte[] body) {
			for (Consumer consumer : route.consumers()) {
				Map<String, Long> counts = this.expected.get(consumer.service());
				boolean replays = consumer.service().startsWith("engine");
				Set<String> seen = this.seenByEngine.computeIfAbsent(consumer.service(), s -> new HashSet<>());
				if (consumer.batches() && Batch.isBatch(body)) {
					List<byte[]> parts;
					try {
						parts = Batch.unpack(body);
					}
					catch (InvalidMessageException ex) {
						counts.merge(ex.reason().name().toLowerCase(), 1L, Long::sum);
						continue;
					}
					parts.forEach(part -> expectOne(part, replays, seen, counts));
				}
				else {
					expectOne(body, replays, seen, counts);
				}
			}
		}

		private void expectOne(byte[] body, boolean replays, Set<String> seen, Map<String, Long> counts) {
			try {
				Message message = this.services.decode(body);
				if (replays && !seen.add(message.header().msgId())) {
					counts.merge(InvalidMessageException.Reason.REPLAYED.name().toLowerCase(), 1L, Long::sum);
				}
			}
			catch (InvalidMessageException ex) {
				counts.merge(ex.reason().name().toLowerCase(), 1L, Long::sum);
			}
		}

		private byte[] randomBytes() {
			byte[] bytes = new byte[this.random.nextInt(2049)];
			this.random.nextBytes(bytes);
			if (bytes.length >= 3 && this.random.nextBoolean()) {
				// past the magic: read as a message, caught by its signature or its framing
				bytes[0] = 'J';
				bytes[1] = (this.random.nextInt(4) == 0) ? (byte) 'B' : (byte) 'P';
				bytes[2] = 1;
			}
			return bytes;
		}

		private byte[] signed(Route route) {
			return this.signer.encode(forge(route));
		}

		private byte[] truncated(Route route) {
			byte[] whole = signed(route);
			return Arrays.copyOf(whole, this.random.nextInt(whole.length));
		}

		/** A message signed with the cluster key, a little over the services' limit. */
		private byte[] oversized(Route route) {
			Message forged = forge(route);
			byte[] padding = new byte[MAX_MESSAGE_BYTES + 1 + this.random.nextInt(4096)];
			this.random.nextBytes(padding);
			Message big = new Message(forged.header(), forged.parentHeader(), forged.metadata(), forged.content(),
					List.of(padding));
			return this.signer.encode(big);
		}

		private Message forge(Route route) {
			String session = "mallory-" + this.random.nextInt(1000);
			String uuid0 = this.uuids.get(0);
			return switch (route.forgery()) {
				case HUB_SHUTDOWN -> Message.request(Header.create(MessageType.SHUTDOWN_REQUEST, session, "mallory"),
						Map.of(), Map.of(), List.of());
				case HEARTBEAT -> Message.request(Header.create(MessageType.HEARTBEAT, session, "mallory"), Map.of(),
						Map.of("uuid", uuid0, "id", "0"), List.of());
				case EXIT_BROADCAST -> Message.request(Header.create(MessageType.EXECUTE_REQUEST, session, "mallory"),
						Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_BROADCAST, MetadataKeys.TARGETS, "0,1"),
						Map.of("code", "System.exit(42);"), List.of());
				case TASK_DONE -> Message.request(Header.create(MessageType.TASK_DONE, session, "mallory"),
						Map.of(MetadataKeys.ENGINE_ID, "0"), Map.of(MetadataKeys.RESULTS, "forged:ok"), List.of());
				case EXIT -> Message.request(Header.create(MessageType.EXECUTE_REQUEST, session, "mallory"),
						Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, "0"),
						Map.of("code", "System.exit(42);"), List.of());
				case ENGINE_SHUTDOWN -> Message.request(Header.create(MessageType.SHUTDOWN_REQUEST, session, "mallory"),
						Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_CONTROL, MetadataKeys.TARGET, "0"), Map.of(),
						List.of());
				case REPLY -> new Message(Header.create(MessageType.EXECUTE_REPLY, session, "mallory"),
						Header.create(MessageType.EXECUTE_REQUEST, this.clientSession, "mallory"),
						Map.of(MetadataKeys.ENGINE_ID, "0"), Map.of(MetadataKeys.STATUS, "ok"), List.of());
				case CLASS_REQUEST -> Message.request(Header.create(MessageType.CLASS_REQUEST, session, "mallory"),
						Map.of(), Map.of("name", "java.lang.String"), List.of());
				case UNREGISTRATION -> Message.request(
						Header.create(MessageType.UNREGISTRATION_NOTIFICATION, session, "mallory"), Map.of(),
						Map.of("uuid", uuid0, "id", "0"), List.of());
			};
		}

		private Message execute(int engineId, String code) {
			return Message.request(Header.create(MessageType.EXECUTE_REQUEST, this.replaySession, "fuzz"),
					Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX, MetadataKeys.TARGET, String.valueOf(engineId)),
					Map.of("code", code), List.of());
		}

		private Message propertiesRead(int engineId) {
			return Message.request(Header.create(MessageType.PROPERTIES_REQUEST, this.replaySession, "fuzz"),
					Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_CONTROL, MetadataKeys.TARGET, String.valueOf(engineId)),
					Map.of(), List.of());
		}

	}

}
