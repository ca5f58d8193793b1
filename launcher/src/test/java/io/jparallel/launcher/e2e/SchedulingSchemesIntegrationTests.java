package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.QueueStatus;
import io.jparallel.client.RemoteError;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each scheduling scheme's placement rule, observed on a cluster of 2 engines started with
 * {@code jpcluster start -n 2 --scheme ... --hwm ...} (separate processes, real RabbitMQ). Schemes
 * {@code leastload} (with the default hwm) and the task interface are covered by
 * {@link TaskFarmingIntegrationTests}.
 */
class SchedulingSchemesIntegrationTests {

	private static final Fn1<Integer, Integer> SLEEP = millis -> {
		Thread.sleep(millis);
		return millis;
	};

	@Test
	void pureSpreadsAThousandTasksOverAllEnginesAndRefusesWhatItCannotHonour() throws Exception {
		onCluster(List.of("--scheme", "pure"), rc -> {
			LoadBalancedView lview = rc.loadBalancedView();
			List<AsyncResult<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				results.add(lview.applyAsync(x -> x + 1, i));
			}
			assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(2))).isTrue();
			Map<Integer, Integer> perEngine = perEngine(results);
			System.out.println("pure: 1000 tasks per engine " + perEngine + "; queue status " + rc.queueStatus());
			assertThat(perEngine).containsOnlyKeys(0, 1);
			AsyncResult<Integer> retried = lview.withRetries(1).applyAsync(x -> x, 1);
			assertThatThrownBy(() -> retried.get(Duration.ofSeconds(30))).isInstanceOf(RemoteError.class)
				.hasMessageContaining("pure")
				.hasMessageContaining("retries");
		});
	}

	@Test
	void hwmOfOneKeepsAtMostOneTaskPerEngine() throws Exception {
		onCluster(List.of("--scheme", "leastload", "--hwm", "1"), rc -> {
			LoadBalancedView lview = rc.loadBalancedView();
			List<AsyncResult<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				results.add(lview.applyAsync(SLEEP, 400));
			}
			List<QueueStatus> seen = new ArrayList<>();
			while (!AsyncResult.waitAll(results, Duration.ofMillis(150))) {
				seen.add(rc.queueStatus());
			}
			System.out.println("hwm=1, 6 tasks of 400 ms on 2 engines; queue status while they ran:");
			seen.forEach(status -> System.out.println("  " + status.toString().replace("\n", "; ")));
			assertThat(seen).isNotEmpty().allSatisfy(status -> {
				assertThat(status.hwm()).isEqualTo(1);
				assertThat(status.engines().values()).allSatisfy(queue -> {
					assertThat(queue.queued()).isZero();
					assertThat(queue.running()).isLessThanOrEqualTo(1);
				});
			});
			assertThat(seen.get(0).unassigned()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void lruTakesTurnsAndTheRandomSchemesUseEveryEngine() throws Exception {
		onCluster(List.of("--scheme", "lru", "--hwm", "0"), rc -> {
			List<AsyncResult<Integer>> results = new ArrayList<>();
			LoadBalancedView lview = rc.loadBalancedView();
			for (int i = 0; i < 8; i++) {
				results.add(lview.applyAsync(SLEEP, 50));
			}
			AsyncResult.waitAll(results, Duration.ofSeconds(30));
			List<Integer> order = results.stream().map(ar -> ar.metadata().get(0).engineId()).toList();
			System.out.println("lru: 8 tasks went to engines " + order);
			assertThat(order).containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
		});
		for (String scheme : List.of("plainrandom", "twobin", "weighted")) {
			onCluster(List.of("--scheme", scheme), rc -> {
				List<AsyncResult<Integer>> results = new ArrayList<>();
				LoadBalancedView lview = rc.loadBalancedView();
				for (int i = 0; i < 200; i++) {
					results.add(lview.applyAsync(SLEEP, 1));
				}
				assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(1))).isTrue();
				Map<Integer, Integer> perEngine = perEngine(results);
				System.out.println(scheme + ": 200 tasks per engine " + perEngine + "; queue status " + rc.queueStatus());
				assertThat(perEngine).containsOnlyKeys(0, 1);
				assertThat(rc.queueStatus().scheme()).isEqualTo(scheme);
			});
		}
	}

	private static Map<Integer, Integer> perEngine(List<? extends AsyncResult<?>> results) {
		Map<Integer, Integer> perEngine = new TreeMap<>();
		results.forEach(ar -> perEngine.merge(ar.metadata().get(0).engineId(), 1, Integer::sum));
		return perEngine;
	}

	private static void onCluster(List<String> options, Consumer<Client> test) throws Exception {
		JpclusterProcess cluster = new JpclusterProcess(Files.createTempDirectory("jparallel-scheme"));
		List<String> args = new ArrayList<>(List.of("-n", "2", "--broker", TestBroker.uri(), "--cluster-id",
				TestBroker.uniqueClusterId()));
		args.addAll(options);
		try {
			cluster.start(args.toArray(String[]::new));
			try (Client rc = Client.connect(cluster.clientFile())) {
				rc.waitForEngines(2, Duration.ofSeconds(60));
				await().atMost(Duration.ofSeconds(30)).until(() -> rc.queueStatus().engines().size() == 2
						|| rc.queueStatus().scheme().equals("pure"));
				test.accept(rc);
			}
		}
		finally {
			cluster.run("stop");
		}
	}

}
