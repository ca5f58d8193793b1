package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.DependencyTimeout;
import io.jparallel.client.ImpossibleDependency;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.QueueStatus;
import io.jparallel.client.RemoteError;
import io.jparallel.client.ResultMetadata;
import io.jparallel.client.StringTask;
import io.jparallel.client.TaskAborted;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The task interface of the seeds (load-balanced views, dependencies, retries, engine properties,
 * abort and cancel) against 4 engines started with {@code jpcluster start -n 4} (scheme leastload, the
 * default, hwm 16) as separate processes on a real RabbitMQ.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskFarmingIntegrationTests {

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).awaitingQueueStatusOfEveryEngine().build();

	private LoadBalancedView lview;

	@BeforeAll
	void createView() {
		this.lview = CLUSTER.client().loadBalancedView();
	}

	@Test
	@Order(1)
	void leastloadNeverGivesATaskToABusierEngineWhileAnIdleOneWaits() {
		Fn1<Integer, Long> sleepy = millis -> {
			Thread.sleep(millis);
			return ProcessHandle.current().pid();
		};
		List<AsyncResult<Long>> results = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			results.add(this.lview.applyAsync(sleepy, 1500));
		}
		QueueStatus during = CLUSTER.client().queueStatus();
		List<Integer> engines = results.stream().map(ar -> ar.get(Duration.ofSeconds(30))).map(ignored -> 0).toList();
		List<Integer> engineIds = results.stream().map(ar -> ar.metadata().get(0).engineId()).toList();
		System.out.println("leastload, 4 tasks of 1.5 s on 4 engines: engines " + engineIds + "; queue status while running:\n"
				+ during);
		assertThat(engines).hasSize(4);
		assertThat(new HashSet<>(engineIds)).hasSize(4);
		assertThat(during.engines().values()).allSatisfy(queue -> assertThat(queue.queued()).isZero());
	}

	@Test
	@Order(2)
	void mapGivesTheLocalMultisetForChunksizesOneAndHundredOrderedOrNot() {
		List<Integer> xs = IntStream.range(0, 1000).boxed().toList();
		Fn1<Integer, Integer> f = x -> x * x + 1;
		List<Integer> local = xs.stream().map(x -> x * x + 1).toList();
		for (int chunksize : new int[] { 1, 100 }) {
			for (boolean ordered : new boolean[] { true, false }) {
				long start = System.nanoTime();
				List<Integer> remote = this.lview.withChunksize(chunksize).withOrdered(ordered).mapSync(f, xs);
				System.out.printf("map of 1000 items, chunksize %d, ordered %s: %.1f ms%n", chunksize, ordered,
						(System.nanoTime() - start) / 1e6);
				assertThat(remote).containsExactlyInAnyOrderElementsOf(local);
				if (ordered) {
					assertThat(remote).isEqualTo(local);
				}
			}
		}
		List<Integer> lazily = new ArrayList<>();
		this.lview.withChunksize(10).imap(f, xs).forEachRemaining(lazily::add);
		assertThat(lazily).isEqualTo(local);
	}

	@Test
	@Order(3)
	void aChainRunsInOrderAndFollowRunsWhereItsDependencyRan() {
		Fn1<Integer, Long> step = millis -> {
			Thread.sleep(millis);
			return System.currentTimeMillis();
		};
		AsyncResult<Long> a = this.lview.applyAsync(step, 500);
		AsyncResult<Long> b = this.lview.withAfter(a).applyAsync(step, 300);
		AsyncResult<Long> c = this.lview.withFollow(b).applyAsync(step, 10);
		c.get(Duration.ofSeconds(30));
		ResultMetadata ma = a.metadata().get(0);
		ResultMetadata mb = b.metadata().get(0);
		ResultMetadata mc = c.metadata().get(0);
		System.out.printf("chain: A on %d %s..%s, B(after A) on %d %s..%s, C(follow B) on %d %s..%s%n", ma.engineId(),
				ma.started(), ma.completed(), mb.engineId(), mb.started(), mb.completed(), mc.engineId(), mc.started(),
				mc.completed());
		assertThat(mb.started()).isAfterOrEqualTo(ma.completed());
		assertThat(mc.engineId()).isEqualTo(mb.engineId());

		Fn0<Integer> fails = () -> {
			throw new IllegalStateException("meant to fail");
		};
		AsyncResult<Integer> failed = this.lview.applyAsync(fails);
		AsyncResult<Integer> dependent = this.lview.withAfter(failed).applyAsync(() -> 1);
		assertThatThrownBy(() -> dependent.get(Duration.ofSeconds(30))).isInstanceOf(ImpossibleDependency.class)
			.hasMessageContaining("failed");
		System.out.println("success-only dependency on a failed task: "
				+ ErrorText.of(() -> dependent.get(Duration.ofSeconds(1))));
		assertThat(this.lview.withAfter(io.jparallel.client.Dependency.on(failed).failureOnly())
			.applyAsync(() -> "ran after a failure")
			.get(Duration.ofSeconds(30))).isEqualTo("ran after a failure");
	}

	@Test
	@Order(4)
	void aTaskThatThrowsOnItsFirstEngineSucceedsOnASecondWithOneRetry() throws Exception {
		Path marker = Files.createTempDirectory("jparallel-retry").resolve("first-attempt");
		String path = marker.toString();
		Fn0<Long> flaky = () -> {
			java.nio.file.Path file = java.nio.file.Path.of(path);
			long pid = ProcessHandle.current().pid();
			try {
				java.nio.file.Files.writeString(file, String.valueOf(pid), java.nio.file.StandardOpenOption.CREATE_NEW);
			}
			catch (java.nio.file.FileAlreadyExistsException ex) {
				return pid;
			}
			throw new IllegalStateException("first attempt fails on pid " + pid);
		};
		long pid = this.lview.withRetries(1).applyAsync(flaky).get(Duration.ofSeconds(30));
		long firstPid = Long.parseLong(Files.readString(marker).strip());
		System.out.println("retries=1: failed on engine pid " + firstPid + ", succeeded on engine pid " + pid);
		assertThat(pid).isNotEqualTo(firstPid);

		Files.delete(marker);
		AsyncResult<Long> noRetry = this.lview.withRetries(0).applyAsync(flaky);
		assertThatThrownBy(() -> noRetry.get(Duration.ofSeconds(30))).isInstanceOfSatisfying(RemoteError.class,
				error -> {
					assertThat(error.ename()).isEqualTo("java.lang.IllegalStateException");
					assertThat(error.remoteTraceback()).contains("first attempt fails", "at ");
				});
		System.out.println("retries=0: " + ErrorText.of(() -> noRetry.get(Duration.ofSeconds(1))).lines().findFirst().orElse(""));
	}

	@Test
	@Order(5)
	void aRequirementNoEngineMeetsFailsClearlyUntilAnEngineGetsTheProperty() {
		Fn0<Long> pid = () -> ProcessHandle.current().pid();
		AsyncResult<Long> impossible = this.lview.withRequire("gpu").applyAsync(pid);
		assertThatThrownBy(() -> impossible.get(Duration.ofSeconds(30))).isInstanceOf(ImpossibleDependency.class)
			.hasMessageContaining("gpu");
		System.out.println("require gpu, no engine has it: " + ErrorText.of(() -> impossible.get(Duration.ofSeconds(1))));

		AsyncResult<Long> waiting = this.lview.withRequire("fpga").withTimeout(Duration.ofSeconds(60)).applyAsync(pid);
		CLUSTER.client().get(2).setProperties(Map.of("gpu", "true"));
		CLUSTER.client().get(3).setProperties(Map.of("fpga", "true"));
		// at once: the scheduler took the new properties as the requests passed it, before the engines
		// answered (the hub's announcement, a moment later, is not waited for)
		AsyncResult<Long> onGpu = this.lview.withRequire("gpu").applyAsync(pid);
		onGpu.get(Duration.ofSeconds(30));
		waiting.get(Duration.ofSeconds(30));
		System.out.println("after setting gpu on engine 2 and fpga on engine 3: the gpu task ran on engine "
				+ onGpu.metadata().get(0).engineId() + ", the waiting fpga task on engine " + waiting.metadata().get(0).engineId()
				+ "; engine properties: " + CLUSTER.client().engineProperties());
		assertThat(onGpu.metadata().get(0).engineId()).isEqualTo(2);
		assertThat(waiting.metadata().get(0).engineId()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(CLUSTER.client().engineProperties().get(2)).containsEntry("gpu", "true"));
	}

	@Test
	@Order(6)
	void cancelOfAnEndlessTaskReturnsWithinTwoSecondsAndTheEngineServesTheNextTask() {
		Fn0<Integer> spin = () -> {
			long n = 0;
			while (n >= 0) {
				n = (n + 1) % 1_000_000;
			}
			return 0;
		};
		AsyncResult<Integer> endless = this.lview.withTargets(1).applyAsync(spin);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> CLUSTER.client().queueStatus().engines().get(1).running() == 1);
		long start = System.nanoTime();
		this.lview.cancel(endless);
		assertThatThrownBy(() -> endless.get(Duration.ofSeconds(2))).isInstanceOf(TaskAborted.class);
		double cancelMs = (System.nanoTime() - start) / 1e6;
		long nextStart = System.nanoTime();
		String next = CLUSTER.client().get(1).applyAsync(() -> "engine 1 is free").get(Duration.ofSeconds(10));
		System.out.printf("cancel of an endless loop on engine 1: TaskAborted after %.0f ms; next task answered %.0f ms later%n",
				cancelMs, (System.nanoTime() - nextStart) / 1e6);
		assertThat(cancelMs).isLessThan(2000);
		assertThat(next).isEqualTo("engine 1 is free");
	}

	@Test
	@Order(7)
	void abortOfQueuedTasksTimeoutsStringTasksAndTimings() {
		Fn1<Integer, Integer> sleepy = millis -> {
			Thread.sleep(millis);
			return millis;
		};
		LoadBalancedView onZero = this.lview.withTargets(0);
		AsyncResult<Integer> busy = onZero.applyAsync(sleepy, 1000);
		List<AsyncResult<Integer>> queued = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			queued.add(onZero.applyAsync(sleepy, 1000));
		}
		QueueStatus status = CLUSTER.client().queueStatus(true);
		System.out.println("queue status, verbose, with 11 tasks for engine 0:\n" + status);
		queued.forEach(this.lview::abort);
		assertThat(queued).allSatisfy(ar -> assertThatThrownBy(() -> ar.get(Duration.ofSeconds(30)))
			.isInstanceOf(TaskAborted.class));
		assertThat(busy.get(Duration.ofSeconds(30))).isEqualTo(1000);

		AsyncResult<Integer> never = onZero.applyAsync(sleepy, 3000);
		AsyncResult<Integer> late = this.lview.withAfter(never).withTimeout(Duration.ofMillis(500)).applyAsync(() -> 1);
		assertThatThrownBy(() -> late.get(Duration.ofSeconds(30))).isInstanceOf(DependencyTimeout.class);

		Map<String, Object> pulled = this.lview
			.run(StringTask.of("var y = x * 2;").push(Map.of("x", 21)).pull("y").clearBefore().clearAfter())
			.get(Duration.ofSeconds(30));
		assertThat(pulled).containsEntry("y", 42);

		never.get(Duration.ofSeconds(30));
		AsyncResult<List<Integer>> mapped = this.lview.withChunksize(2).map(sleepy, List.of(100, 100, 100, 100, 100, 100, 100, 100));
		mapped.wait(Duration.ofSeconds(30), true);
		System.out.printf("map of 8 x 100 ms in chunks of 2: progress %d/%d, serial %s, wall %s, elapsed %s%n",
				mapped.progress(), mapped.size(), mapped.serialTime(), mapped.wallTime(), mapped.elapsed());
		assertThat(mapped.successful()).isTrue();
		assertThat(mapped.serialTime()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
		assertThat(mapped.wallTime()).isLessThan(mapped.serialTime());
	}

	@Test
	@Order(8)
	void tenThousandTasksInOneGoAllCompleteExactlyOnceWithBoundedMemory() throws Exception {
		SchedulerProcess scheduler = new SchedulerProcess(CLUSTER.process().profileDir());
		CLUSTER.client().all().setBlock(true).execute("System.getProperties().remove(\"jp.test.count\");");
		long clientBefore = SchedulerProcess.localHeapUsedAfterGc();
		long schedulerBefore = scheduler.heapUsedAfterGc();
		Fn1<Integer, Integer> countAndAdd = i -> {
			((java.util.concurrent.atomic.AtomicLong) System.getProperties()
				.computeIfAbsent("jp.test.count", key -> new java.util.concurrent.atomic.AtomicLong()))
				.incrementAndGet();
			return i + 1;
		};
		long start = System.nanoTime();
		List<AsyncResult<Integer>> results = new ArrayList<>(10_000);
		for (int i = 0; i < 10_000; i++) {
			results.add(this.lview.applyAsync(countAndAdd, i));
		}
		double submitMs = (System.nanoTime() - start) / 1e6;
		long schedulerHolding = scheduler.heapUsedAfterGc();
		assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(3))).isTrue();
		double totalMs = (System.nanoTime() - start) / 1e6;
		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).get()).isEqualTo(i + 1);
		}
		Fn0<Long> count = () -> ((java.util.concurrent.atomic.AtomicLong) System.getProperties()
			.getOrDefault("jp.test.count", new java.util.concurrent.atomic.AtomicLong())).get();
		long ran = CLUSTER.client().all().applySync(count).stream().mapToLong(Long::longValue).sum();
		Collection<String> msgIds = results.stream().map(ar -> ar.msgIds().get(0)).collect(java.util.stream.Collectors.toSet());
		results.clear();
		long clientAfter = SchedulerProcess.localHeapUsedAfterGc();
		long schedulerAfter = scheduler.heapUsedAfterGc();
		QueueStatus status = CLUSTER.client().queueStatus();
		System.out.printf("10,000 tasks: submitted in %.0f ms, all done in %.0f ms (%.0f tasks/s); engines ran %d; "
				+ "client heap %.1f MB before, %.1f MB after; scheduler heap %.1f MB before, %.1f MB holding them, %.1f MB after%n",
				submitMs, totalMs, 10_000 / (totalMs / 1000), ran, clientBefore / 1e6, clientAfter / 1e6,
				schedulerBefore / 1e6, schedulerHolding / 1e6, schedulerAfter / 1e6);
		System.out.println("queue status after: " + status);
		assertThat(msgIds).hasSize(10_000);
		assertThat(ran).isEqualTo(10_000);
		assertThat(status.unassigned()).isZero();
		assertThat(status.queued() + status.running()).isZero();
		assertThat(schedulerAfter - schedulerBefore).isLessThan(32L * 1024 * 1024);
		assertThat(clientAfter - clientBefore).isLessThan(32L * 1024 * 1024);
	}


}
