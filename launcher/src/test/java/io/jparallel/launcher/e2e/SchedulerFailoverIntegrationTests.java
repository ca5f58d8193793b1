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
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduler that dies while 10,000 load-balanced tasks are in flight loses none of them: it
 * acknowledges a request only once the task is placed on an engine, so what it held goes back to the
 * broker, and to the next scheduler: the same one restarted, or a standby that takes over (the request
 * queue has a single active consumer). A task placed just before the death may run twice; the client
 * drops the second reply, so every task completes exactly once for the user, and the hub has a record of
 * each. The schedulers are killed with kill -9, by the pid this test's cluster recorded.
 */
class SchedulerFailoverIntegrationTests {

	private static final int TASKS = 10_000;

	@Test
	void aSchedulerKilledAndRestartedDuringTenThousandTasksLosesNone() throws Exception {
		JpclusterProcess cluster = new JpclusterProcess(Files.createTempDirectory("jparallel-sched-restart"));
		cluster.start("-n", "2", "--broker", TestBroker.uri(), "--cluster-id", TestBroker.uniqueClusterId());
		RestartableService scheduler = null;
		try (Client rc = Client.connect(cluster.clientFile())) {
			rc.waitForEngines(2, Duration.ofSeconds(60));
			scheduler = new RestartableService(cluster.profileDir(), "scheduler");
			long killedPid = scheduler.pid();
			RestartableService victim = scheduler;
			Run run = submit(rc, () -> victim.kill());
			long killed = System.nanoTime();
			Thread.sleep(2000); // the scheduler's downtime, on purpose
			scheduler.start();
			double downS = (System.nanoTime() - killed) / 1e9;
			Outcome outcome = finish(rc, run);
			System.out.printf("scheduler killed (pid %d, kill -9) after %d of %d tasks were submitted, restarted %.1f s later"
					+ " (pid %d): %s%n", killedPid, run.killedAfter(), TASKS, downS, scheduler.pid(), outcome);
			outcome.assertNothingLost();
		}
		finally {
			if (scheduler != null) {
				scheduler.stopRestarted();
			}
			cluster.run("stop");
		}
	}

	@Test
	void aStandbySchedulerTakesOverWithinFiveSecondsAndLosesNone() throws Exception {
		JpclusterProcess cluster = new JpclusterProcess(Files.createTempDirectory("jparallel-sched-standby"));
		cluster.start("-n", "2", "--schedulers", "2", "--broker", TestBroker.uri(), "--cluster-id",
				TestBroker.uniqueClusterId());
		try (Client rc = Client.connect(cluster.clientFile())) {
			rc.waitForEngines(2, Duration.ofSeconds(60));
			// the broker gave the request queue to one of them: the one that says it is active
			rc.loadBalancedView().applySync((Fn1<Integer, Integer>) x -> x, 1);
			String active = await().atMost(Duration.ofSeconds(30))
				.until(() -> activeScheduler(cluster.profileDir()), name -> name != null);
			String standby = active.equals("scheduler") ? "scheduler-1" : "scheduler";
			// a standby stands by once it consumes (it first asks the hub for the engines, up to 30 s if the hub
			// was not ready for it)
			Path standbyLog = cluster.profileDir().resolve("log").resolve(standby + ".log");
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(standbyLog).contains("Scheduler consuming"));
			RestartableService victim = new RestartableService(cluster.profileDir(), active);
			long killedPid = victim.pid();
			long[] killedAt = new long[1];
			Run run = submit(rc, () -> {
				victim.kill();
				killedAt[0] = System.nanoTime();
			});
			// a direct request needs a scheduler too: how soon one answers is the takeover time
			rc.get(0).applySync((Fn1<Integer, Integer>) x -> x, 2);
			double takeoverS = (System.nanoTime() - killedAt[0]) / 1e9;
			Outcome outcome = finish(rc, run);
			String standbyOutput = Files.readString(standbyLog);
			System.out.printf("active scheduler %s killed (pid %d, kill -9) after %d of %d tasks were submitted: standby %s"
					+ " took over and answered a direct request %.2f s after the kill; %s%n", active, killedPid,
					run.killedAfter(), TASKS, standby, takeoverS, outcome);
			assertThat(standbyOutput).contains("Scheduler active");
			assertThat(takeoverS).isLessThan(5);
			outcome.assertNothingLost();
		}
		finally {
			cluster.run("stop");
		}
	}

	/** Submits the tasks, killing a scheduler after the first 1,000. */
	private static Run submit(Client rc, ThrowingRunnable kill) throws Exception {
		LoadBalancedView lview = rc.loadBalancedView();
		Fn1<Integer, Integer> identity = x -> x;
		long duplicatesBefore = rc.duplicateRepliesDropped();
		List<AsyncResult<Integer>> results = new ArrayList<>(TASKS);
		int killedAfter = -1;
		for (int i = 0; i < TASKS; i++) {
			results.add(lview.applyAsync(identity, i));
			if (i == 1000) {
				kill.run();
				killedAfter = i + 1;
			}
		}
		return new Run(results, killedAfter, duplicatesBefore);
	}

	private static Outcome finish(Client rc, Run run) {
		assertThat(AsyncResult.waitAll(run.results(), Duration.ofMinutes(4))).isTrue();
		Set<Integer> distinct = new HashSet<>();
		List<String> ids = new ArrayList<>();
		for (AsyncResult<Integer> result : run.results()) {
			distinct.add(result.get());
			ids.add(result.msgIds().get(0));
		}
		List<Map<String, Object>> records = HubRecords.awaitFinished(rc, ids, Duration.ofMinutes(3));
		return new Outcome(run.results().size(), distinct.size(), rc.duplicateRepliesDropped() - run.duplicatesBefore(),
				HubRecords.distinctTasks(records));
	}

	/** The scheduler whose log says it took requests, or {@code null}. */
	private static String activeScheduler(Path profileDir) throws Exception {
		for (String name : List.of("scheduler", "scheduler-1")) {
			Path log = profileDir.resolve("log").resolve(name + ".log");
			if (Files.isRegularFile(log) && Files.readString(log).contains("Scheduler active")) {
				return name;
			}
		}
		return null;
	}

	private interface ThrowingRunnable {

		void run() throws Exception;

	}

	private record Run(List<AsyncResult<Integer>> results, int killedAfter, long duplicatesBefore) {
	}

	private record Outcome(int results, int distinct, long duplicatesDropped, long hubRecords) {

		void assertNothingLost() {
			assertThat(this.distinct).isEqualTo(TASKS);
			assertThat(this.results).isEqualTo(TASKS);
			assertThat(this.hubRecords).isEqualTo(TASKS);
		}

		@Override
		public String toString() {
			return String.format("%,d results, %,d distinct, %d duplicates delivered (%d second replies dropped by the client),"
					+ " %d missing; the hub holds %,d records (%d missing)", this.results, this.distinct,
					this.results - this.distinct, this.duplicatesDropped, TASKS - this.distinct, this.hubRecords,
					TASKS - this.hubRecords);
		}

	}

}
