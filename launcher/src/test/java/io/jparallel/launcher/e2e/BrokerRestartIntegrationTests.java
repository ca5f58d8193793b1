package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.protocol.broker.PrivateRabbitNode;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker stopped ({@code rabbitmqctl stop_app}) after 1,001 of 10,000 load-balanced tasks were
 * submitted, the rest submitted while it is down, then started again 3 s later: queues and exchanges are durable and messages persistent, so what
 * was queued survives; every service and the client reconnect by themselves; the client publishes again
 * what the broker had not confirmed; the hub declares no engine dead for the silence; and every task
 * completes exactly once for the user, with a hub record each. The broker is a node of this test's own,
 * so no other test's cluster sees the restart.
 */
class BrokerRestartIntegrationTests {

	private static final int TASKS = 10_000;

	@Test
	void aBrokerRestartedDuringTenThousandTasksLosesNone() throws Exception {
		Path dir = Files.createTempDirectory("jparallel-broker-restart");
		// its own node, so no other test's cluster sees the restart
		try (PrivateRabbitNode node = PrivateRabbitNode.start(dir.resolve("rabbitmq"))) {
			JpclusterProcess cluster = new JpclusterProcess(dir);
			cluster.start("-n", "2", "--broker", node.uri(), "--broker-management", node.managementUrl(), "--cluster-id",
					TestBroker.uniqueClusterId());
			try (Client rc = Client.connect(cluster.clientFile())) {
				rc.waitForEngines(2, Duration.ofSeconds(60));
				// jpcluster returns once the engines registered; the scheduler may still be starting (it asks the
				// hub for the engines first), and this test is about a broker restart, not one during a start
				Path schedulerLog = dir.resolve("profile_default").resolve("log").resolve("scheduler.log");
				await().atMost(Duration.ofSeconds(90))
					.until(() -> Files.readString(schedulerLog).contains("Scheduler consuming"));
				List<Integer> idsBefore = rc.ids();
				LoadBalancedView lview = rc.loadBalancedView();
				Fn1<Integer, Integer> identity = x -> x;
				List<AsyncResult<Integer>> results = new ArrayList<>(TASKS);
				long start = System.nanoTime();
				long stopped = 0;
				for (int i = 0; i < TASKS; i++) {
					results.add(lview.applyAsync(identity, i));
					if (i == 1000) {
						// the other 9,000 are submitted while the broker is down: the client keeps them
						node.stopApplication();
						stopped = System.nanoTime();
					}
				}
				double submittedWhileDownS = (System.nanoTime() - stopped) / 1e9;
				Thread.sleep(3000); // the broker's downtime, on purpose
				node.startApplication();
				double backS = (System.nanoTime() - stopped) / 1e9;
				long unansweredWhenBack = results.stream().filter(ar -> !ar.ready()).count();
				assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(4))).isTrue();
				double doneS = (System.nanoTime() - start) / 1e9;
				Set<Integer> distinct = new HashSet<>();
				List<String> ids = new ArrayList<>();
				for (AsyncResult<Integer> result : results) {
					distinct.add(result.get());
					ids.add(result.msgIds().get(0));
				}
				List<Map<String, Object>> records = HubRecords.awaitFinished(rc, ids, Duration.ofMinutes(3));
				long recorded = HubRecords.distinctTasks(records);
				System.out.printf("broker stopped (rabbitmqctl stop_app) after 1,001 of %,d tasks were submitted, the other"
						+ " 9,000 submitted while it was down (%.1f s), started again %.1f s after it stopped, with %,d tasks"
						+ " unanswered: %,d results, %,d distinct, %d duplicates delivered (%d second replies dropped by the"
						+ " client), %d missing, all done %.1f s after the first; the hub holds %,d records (%d missing);"
						+ " engines %s before, %s after%n", TASKS, submittedWhileDownS, backS, unansweredWhenBack, results.size(),
						distinct.size(), results.size() - distinct.size(), rc.duplicateRepliesDropped(), TASKS - distinct.size(),
						doneS, recorded, TASKS - recorded, idsBefore, rc.ids());
				assertThat(distinct).hasSize(TASKS);
				assertThat(recorded).isEqualTo(TASKS);
				assertThat(rc.ids()).isEqualTo(idsBefore);
			}
			finally {
				cluster.run("stop");
			}
		}
	}

}
