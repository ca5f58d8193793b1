package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.BroadcastView;
import io.jparallel.client.CallOptions;
import io.jparallel.client.CompositeError;
import io.jparallel.client.DirectView;
import io.jparallel.client.EngineView;
import io.jparallel.client.JParallelException;
import io.jparallel.client.RemoteError;
import io.jparallel.client.TaskAborted;
import io.jparallel.client.ViewExecutor;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.wire.Batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The MultiEngine chapter of the seeds (scatter/gather, dict access, clear, abort, shutdown,
 * broadcast, executors, class path additions, errors) against 4 engines started with
 * {@code jpcluster start -n 4} as separate processes on a real RabbitMQ. The shutdown tests run last.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiEngineIntegrationTests {

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).build();

	private final Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;

	@Test
	@Order(1)
	void scatterPutsContiguousQuartersInPlaceAndGatherGivesThemBack() {
		DirectView dview = CLUSTER.client().all().setBlock(true);
		List<Integer> serial = IntStream.range(0, 16).boxed().toList();

		dview.scatter("x", serial);

		assertThat(dview.<List<Integer>>get("x")).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7),
				List.of(8, 9, 10, 11), List.of(12, 13, 14, 15));
		assertThat(dview.<Integer>gather("x").get()).isEqualTo(serial);

		dview.execute("var y = x.stream().map(v -> v * v + 1).toList();");
		List<Integer> parallel = dview.<Integer>gather("y").get();
		assertThat(parallel).isEqualTo(serial.stream().map(v -> v * v + 1).toList());
		System.out.printf("scatter 0..15 over 4 engines: parts %s; gather of x*x+1: %s%n", dview.get("x"), parallel);
	}

	@Test
	@Order(2)
	void scatterSpreadsUnevenLengthsLikeIpyparallelAndHandlesPrimitiveArraysAndFlatten() {
		DirectView dview = CLUSTER.client().all().setBlock(true);

		dview.scatter("u", IntStream.range(0, 10).boxed().toList());
		assertThat(dview.<List<Integer>>get("u")).extracting(List::size).containsExactly(3, 3, 2, 2);

		dview.scatter("p", new int[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		assertThat(dview.<int[]>get("p")).extracting(part -> part.length).containsExactly(3, 2, 2, 2);
		assertThat(dview.execute("java.util.Arrays.stream(p).sum()").get()).containsExactly("6", "9", "13", "17");
		assertThat(dview.gatherArray("p", int[].class).get()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);

		dview.scatter("one", List.of(10, 20, 30, 40), CallOptions.flattened());
		assertThat(dview.<Integer>get("one")).containsExactly(10, 20, 30, 40);
		assertThat(dview.execute("one + 1").get()).containsExactly("11", "21", "31", "41");
		assertThat(dview.<Integer>gather("one").get()).containsExactly(10, 20, 30, 40);
	}

	@Test
	@Order(3)
	void putGetAndPullOfSeveralNames() {
		DirectView dview = CLUSTER.client().all().setBlock(true);
		dview.put("a", 5);
		dview.put("s", "five");

		assertThat(dview.<Integer>get("a")).containsExactly(5, 5, 5, 5);
		assertThat(dview.pull(List.of("a", "s")).get()).containsExactly(List.of(5, "five"), List.of(5, "five"),
				List.of(5, "five"), List.of(5, "five"));
		assertThat(dview.pullByName(List.of("s", "a")).get()).containsExactly(
				Map.entry("s", List.of("five", "five", "five", "five")), Map.entry("a", List.of(5, 5, 5, 5)));
		assertThat(CLUSTER.client().get(2).pull(List.of("s", "a")).get()).containsExactly("five", 5);
	}

	@Test
	@Order(4)
	void pullOfAMissingNameNamesTheVariable() {
		assertThatThrownBy(() -> CLUSTER.client().get(1).pull(List.of("a", "neverDefined")).get())
			.isInstanceOf(RemoteError.class)
			.hasMessageContaining("neverDefined");
		assertThatThrownBy(() -> CLUSTER.client().all().get("neverDefined"))
			.isInstanceOf(CompositeError.class)
			.satisfies(error -> assertThat(((CompositeError) error).errors()).hasSize(4)
				.allSatisfy(one -> assertThat(one.getMessage()).contains("neverDefined")));
	}

	@Test
	@Order(5)
	void clearGivesAFreshNamespace() {
		DirectView dview = CLUSTER.client().all().setBlock(true);
		dview.put("before", 1);
		assertThat(dview.<Integer>get("before")).containsExactly(1, 1, 1, 1);

		dview.clear();

		assertThatThrownBy(() -> dview.get("before")).isInstanceOf(CompositeError.class).hasMessageContaining("before");
		dview.execute("var after = 2;");
		assertThat(dview.<Integer>get("after")).containsExactly(2, 2, 2, 2);
	}

	@Test
	@Order(6)
	void abortOfAQueuedRequestEndsItWithTaskAbortedAndLeavesTheRestRunning() {
		EngineView e0 = CLUSTER.client().get(0);
		AsyncResult<Long> running = e0.applyAsync(() -> {
			Thread.sleep(2000);
			return ProcessHandle.current().pid();
		});
		AsyncResult<Integer> queued = e0.applyAsync(() -> 42);
		AsyncResult<Integer> after = e0.applyAsync(() -> 43);

		List<String> aborted = e0.abort(queued);

		assertThat(aborted).containsExactlyElementsOf(queued.msgIds());
		assertThatThrownBy(queued::get).isInstanceOf(TaskAborted.class).hasMessageContaining("[0:apply]");
		assertThat(after.get()).isEqualTo(43);
		assertThat(running.get()).isPositive();
		assertThatThrownBy(() -> e0.abort(running)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already finished");
		assertThatThrownBy(() -> CLUSTER.client().all().abort(running.msgIds()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already finished");
	}

	@Test
	@Order(7)
	void aBroadcastRequestIsOnePublishAndReachesEveryEngine() throws Exception {
		List<int[]> requests = new ArrayList<>();
		try (RequestTap tap = new RequestTap(CLUSTER.process())) {
			BroadcastView bview = CLUSTER.client().broadcastView();
			List<Integer> products = bview.applySync(this.mul, 5, 6);
			assertThat(products).containsExactly(30, 30, 30, 30);
			await().atMost(Duration.ofSeconds(5)).until(() -> tap.requests() >= 1);
			requests.add(new int[] { tap.publishes(), tap.requests() });
			tap.reset();

			List<Integer> direct = CLUSTER.client().all().applySync(this.mul, 5, 6);
			assertThat(direct).containsExactly(30, 30, 30, 30);
			await().atMost(Duration.ofSeconds(5)).until(() -> tap.requests() >= 4);
			requests.add(new int[] { tap.publishes(), tap.requests() });

			assertThat(bview.execute("var b = 7;").get()).hasSize(4);
			assertThat(bview.<Integer>get("b")).containsExactly(7, 7, 7, 7);
		}
		System.out.printf("broadcast: %d publish(es), %d request(s); direct: %d publish(es), %d request(s)%n",
				requests.get(0)[0], requests.get(0)[1], requests.get(1)[0], requests.get(1)[1]);
		assertThat(requests.get(0)).containsExactly(1, 1);
		assertThat(requests.get(1)[1]).isEqualTo(4);
	}

	@Test
	@Order(8)
	void executorInvokeAllOfAHundredCallablesGivesAHundredResults() throws Exception {
		List<Fn0<Integer>> tasks = IntStream.range(0, 100).mapToObj(i -> (Fn0<Integer>) () -> i * i).toList();
		for (ViewExecutor executor : List.of(CLUSTER.client().loadBalancedView().executor(),
				CLUSTER.client().all().executor())) {
			List<Future<Integer>> futures = executor.invokeAll(tasks);
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> future : futures) {
				results.add(future.get());
			}
			assertThat(results).isEqualTo(IntStream.range(0, 100).map(i -> i * i).boxed().toList());
			Future<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
			assertThat(pid.get()).isNotEqualTo(ProcessHandle.current().pid());
			executor.shutdown();
			assertThat(executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(executor.isTerminated()).isTrue();
		}
		assertThatThrownBy(() -> CLUSTER.client().all().executor().submit(() -> 1 / 0).get())
			.hasCauseInstanceOf(RemoteError.class);
		ExecutorService plain = CLUSTER.client().all().executor();
		assertThatThrownBy(() -> plain.submit(() -> 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not Serializable");
	}

	@Test
	@Order(9)
	void remoteAndParallelFunctionsRunOnTheView() {
		Function<Integer, List<Integer>> twice = CLUSTER.client().all().remote((Integer x) -> 2 * x);
		assertThat(twice.apply(21)).containsExactly(42, 42, 42, 42);
		Function<List<? extends Integer>, List<Integer>> squares = CLUSTER.client()
			.all()
			.parallel((Integer x) -> x * x);
		assertThat(squares.apply(List.of(1, 2, 3, 4, 5))).containsExactly(1, 4, 9, 16, 25);
		assertThat(CLUSTER.client().loadBalancedView().parallel((Integer x) -> x + 1).apply(List.of(1, 2)))
			.containsExactly(2, 3);
	}

	@Test
	@Order(10)
	void aLibraryAddedByCoordinatesIsUsableFromExecute() {
		DirectView dview = CLUSTER.client().all().setBlock(true);
		String gcd = "org.apache.commons.math3.util.ArithmeticUtils.gcd(12, 18)";
		assertThatThrownBy(() -> dview.execute(gcd)).isInstanceOf(CompositeError.class);

		dview.addClasspath("org.apache.commons:commons-math3:3.6.1");

		assertThat(dview.execute(gcd).get()).containsExactly("6", "6", "6", "6");
		dview.clear();
		assertThat(dview.execute(gcd).get()).containsExactly("6", "6", "6", "6");
		assertThatThrownBy(() -> dview.addClasspath("io.jparallel.nonexistent:no-such-artifact:0.0.1"))
			.isInstanceOf(JParallelException.class)
			.hasMessageContaining("io.jparallel.nonexistent:no-such-artifact:0.0.1")
			.hasMessageContaining("local Maven repository");
	}

	@Test
	@Order(11)
	void compositeErrorRaisesOneEnginesErrorByIndexAndPrintsALinePerEngine() {
		CompositeError error = null;
		try {
			CLUSTER.client().all().execute("1/0;").get();
		}
		catch (CompositeError ex) {
			error = ex;
		}
		assertThat(error).isNotNull();
		CompositeError composite = error;
		assertThatThrownBy(() -> composite.raiseException(2)).isInstanceOf(RemoteError.class)
			.satisfies(inner -> assertThat(((RemoteError) inner).engineId()).isEqualTo(2))
			.hasMessage("[2:execute]: java.lang.ArithmeticException: / by zero");
		List<String> lines = composite.toString().lines().toList();
		System.out.println(composite);
		assertThat(lines).hasSize(5);
		assertThat(lines.subList(1, 5)).containsExactly("[0:execute]: java.lang.ArithmeticException: / by zero",
				"[1:execute]: java.lang.ArithmeticException: / by zero",
				"[2:execute]: java.lang.ArithmeticException: / by zero",
				"[3:execute]: java.lang.ArithmeticException: / by zero");
	}

	@Test
	@Order(12)
	void waitingOnManyResultsAndExecutionCounts() {
		DirectView dview = CLUSTER.client().all();
		AsyncResult<List<String>> first = dview.execute("int n = 1;");
		AsyncResult<List<String>> second = dview.execute("n += 1;");
		AsyncResult<List<Long>> slow = dview.applyAsync(() -> {
			Thread.sleep(500);
			return 1L;
		});
		assertThat(CLUSTER.client().wait(Duration.ofSeconds(30), first, second, slow)).isTrue();
		assertThat(first.ready() && second.ready() && slow.ready()).isTrue();
		assertThat(CLUSTER.client().waitAll(Duration.ofSeconds(5))).isTrue();
		List<Integer> before = first.executionCount();
		List<Integer> after = second.executionCount();
		assertThat(before).hasSize(4).doesNotContainNull();
		for (int i = 0; i < 4; i++) {
			assertThat(after.get(i)).isEqualTo(before.get(i) + 1);
		}
		assertThat(CLUSTER.client().wait(Duration.ofMillis(50), dview.applyAsync(() -> {
			Thread.sleep(2000);
			return 1;
		}))).isFalse();
	}

	@Test
	@Order(20)
	void shutdownOfOneEngineLeavesTheOthersServingAndItsIdIsGone() {
		long pid = CLUSTER.client().get(3).<Long>applySync(() -> ProcessHandle.current().pid());

		CLUSTER.client().get(3).shutdown();

		assertThat(CLUSTER.client().ids()).containsExactly(0, 1, 2);
		await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
		assertThat(CLUSTER.client().all().applySync(this.mul, 5, 6)).containsExactly(30, 30, 30);
		assertThatThrownBy(() -> CLUSTER.client().get(3).applySync(() -> 1)).isInstanceOf(RemoteError.class)
			.hasMessageContaining("no engine with id 3");
	}

	@Test
	@Order(21)
	void shutdownWithHubStopsEnginesHubAndScheduler() throws Exception {
		List<Long> controller = List.of(pidOf("hub"), pidOf("scheduler"));
		List<Long> engines = CLUSTER.client().all().applySync(() -> ProcessHandle.current().pid());

		CLUSTER.client().shutdown(null, true);

		assertThat(CLUSTER.client().ids()).isEmpty();
		List<Long> all = new ArrayList<>(controller);
		all.addAll(engines);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(all).allSatisfy(
					pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty()));
	}

	private long pidOf(String service) throws Exception {
		Path pidFile = CLUSTER.process().profileDir().resolve("pid").resolve(service + ".pid");
		return Long.parseLong(Files.readAllLines(pidFile)
			.get(0)
			.trim());
	}

	/** A queue of the test's own on the requests exchange: counts what clients publish. */
	private static final class RequestTap implements AutoCloseable {

		private final ClusterConnection connection;

		private final DirectMessageListenerContainer container;

		private final AtomicInteger publishes = new AtomicInteger();

		private final AtomicInteger requests = new AtomicInteger();

		RequestTap(JpclusterProcess cluster) {
			this.connection = new ClusterConnection(cluster.connectionInfo(), "request-tap", false);
			// named under the cluster's prefix: the cluster's broker user may declare nothing else
			Queue queue = QueueBuilder.nonDurable("jp." + cluster.connectionInfo().clusterId() + ".tap-"
					+ java.util.UUID.randomUUID()).autoDelete().exclusive().build();
			this.connection.admin().declareQueue(queue);
			this.connection.admin().declareBinding(BindingBuilder.bind(queue)
				.to(new TopicExchange(this.connection.topology().requestsExchange()))
				.with("#"));
			this.container = new DirectMessageListenerContainer(this.connection.connectionFactory());
			this.container.setQueueNames(queue.getName());
			this.container.setAcknowledgeMode(AcknowledgeMode.NONE);
			this.container.setMessageListener(message -> {
				byte[] body = message.getBody();
				int count = 1;
				if (Batch.isBatch(body)) {
					try {
						count = Batch.unpack(body).size();
					}
					catch (Exception ex) {
						count = 0;
					}
				}
				this.requests.addAndGet(count);
				this.publishes.incrementAndGet();
			});
			this.container.afterPropertiesSet();
			this.container.start();
		}

		int publishes() {
			return this.publishes.get();
		}

		int requests() {
			return this.requests.get();
		}

		void reset() {
			this.publishes.set(0);
			this.requests.set(0);
		}

		@Override
		public void close() {
			this.container.stop();
			this.connection.close();
		}

	}

}
