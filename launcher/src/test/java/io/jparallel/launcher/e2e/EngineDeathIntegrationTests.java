package io.jparallel.launcher.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineError;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.RemoteError;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of an engine (one this test's cluster started, by its pid) while load-balanced tasks with a
 * retry and direct requests are on it: the hub declares it dead after the heartbeat timeout, the
 * scheduler resubmits its load-balanced tasks elsewhere, and its direct requests end with
 * {@link EngineError}; {@code rc.ids()} drops it, and jpcluster's supervisor starts a replacement that
 * registers with a new id. Before that, a task calling {@code System.exit} fails and its engine serves on.
 * 3 engines by {@code jpcluster start -n 3}.
 */
class EngineDeathIntegrationTests {

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(3).build();

	@Test
	void tasksOfAKilledEngineAreRetriedElsewhereAndItsDirectRequestsEndWithEngineError() throws Exception {
		JpclusterProcess cluster = CLUSTER.process();
		Client rc = CLUSTER.client();
		List<Integer> idsBefore = rc.ids();
		Fn0<Long> pid = () -> ProcessHandle.current().pid();
		long victim = rc.get(1).applySync(pid);

		// a task that calls System.exit fails; its engine serves on (JDK 17's security manager refuses the exit)
		Fn0<Integer> exits = () -> {
			System.exit(3);
			return 0;
		};
		assertThatThrownBy(() -> rc.get(0).applySync(exits)).isInstanceOf(RemoteError.class)
			.hasMessageContaining("SecurityException")
			.hasMessageContaining("System.exit(3)");
		assertThat(rc.get(0).applySync(pid)).isPositive();
		System.out.println("System.exit(3) in a task: " + ErrorText.of(() -> rc.get(0).applySync(exits))
				+ "; engine 0 then answered the next request");

		Fn1<Integer, Integer> slow = x -> {
			Thread.sleep(200);
			return x;
		};
		LoadBalancedView lview = rc.loadBalancedView().setRetries(1);
		List<AsyncResult<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tasks.add(lview.applyAsync(slow, i));
		}
		// long enough that none can finish before the kill, whichever path reaches engine 1 first
		Fn1<Integer, Integer> endless = x -> {
			Thread.sleep(120_000);
			return x;
		};
		List<AsyncResult<Integer>> direct = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			direct.add(rc.get(1).applyAsync(endless, 1000 + i));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks.stream().filter(AsyncResult::ready).count() >= 10);
		long killedAt = System.nanoTime();
		ProcessHandle.of(victim).orElseThrow().destroyForcibly();

		for (AsyncResult<Integer> one : direct) {
			assertThatThrownBy(() -> one.get(Duration.ofSeconds(30))).isInstanceOf(EngineError.class);
		}
		double directEndedS = (System.nanoTime() - killedAt) / 1e9;
		assertThat(AsyncResult.waitAll(tasks, Duration.ofSeconds(60))).isTrue();
		double tasksDoneS = (System.nanoTime() - killedAt) / 1e9;
		List<Integer> values = new ArrayList<>();
		tasks.forEach(ar -> values.add(ar.get()));
		long onVictim = tasks.stream().filter(ar -> ar.metadata().get(0).engineId() == 1).count();
		await().atMost(Duration.ofSeconds(10)).until(() -> !rc.ids().contains(1));
		List<Integer> idsAfterDeath = rc.ids();
		// jpcluster's supervisor starts a replacement, which registers with a new id
		await().atMost(Duration.ofSeconds(90)).until(() -> rc.ids().stream().anyMatch(id -> !idsBefore.contains(id)));
		double replacedS = (System.nanoTime() - killedAt) / 1e9;
		int replacement = rc.ids().stream().filter(id -> !idsBefore.contains(id)).findFirst().orElseThrow();
		assertThat(replacement).isGreaterThan(2);
		assertThat(rc.get(replacement).applySync(pid)).isNotEqualTo(victim);
		String status = cluster.run("status").output();
		assertThat(status).contains("Restarts: 1 engine restart(s)").contains("(pid " + victim + ") died; restarted as pid");
		System.out.printf("replacement engine %d registered %.1f s after the kill; jpcluster status: %s%n",
				replacement, replacedS, status.lines().filter(l -> l.startsWith("Restarts")).findFirst().orElse(""));
		System.out.printf("kill -9 of engine 1 (pid %d) during 100 load-balanced tasks of 200 ms with retries=1: "
				+ "direct requests on it ended with EngineError %.1f s after the kill; all 100 tasks done %.1f s after"
				+ " the kill (%d of them answered by engine 1 before it died); rc.ids() now %s%n", victim, directEndedS,
				tasksDoneS, onVictim, idsAfterDeath);
		assertThat(values).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
		// the hub declares an engine dead 5 s (the heartbeat timeout) after its last beat
		assertThat(directEndedS).isLessThan(10);
		assertThat(tasksDoneS).isLessThan(15);
	}

}
