package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.client.Client;
import io.jparallel.protocol.function.Fn0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeats that stop for longer than the hub's timeout, with processes stopped by SIGSTOP (what a
 * starved machine or a long pause looks like):
 * <ul>
 * <li>An engine's: it is declared dead; when it beats again, the hub asks it to register again, and it
 * serves on under its id (the hub keeps an engine's id for its uuid).</li>
 * <li>The hub's own: when it continues it finds the engines' beats of that time waiting in its queue, reads
 * them before it judges (it judges only up to the latest beat of its own it heard back through the same
 * queue), and declares no live engine dead.</li>
 * </ul>
 * The tests stop and continue only the processes their own cluster started, by pid.
 */
class HeartbeatFaultIntegrationTests {

	private static final Duration HUB_PAUSE = Duration.ofSeconds(12);

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(1).build();

	@Test
	void anEngineDeclaredDeadWhileStoppedRegistersAgainWhenItBeatsAgainAndServes() throws Exception {
		Client rc = CLUSTER.client();
		Fn0<Long> pid = () -> ProcessHandle.current().pid();
		long enginePid = rc.get(0).applySync(pid);
		assertThat(ProcessHandle.of(enginePid)).as("engine 0 runs on this machine").isPresent();

		signal("STOP", enginePid);
		long stoppedAt = System.nanoTime();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> rc.ids().isEmpty());
		}
		finally {
			signal("CONT", enginePid);
		}
		double declaredDeadS = (System.nanoTime() - stoppedAt) / 1e9;
		long continuedAt = System.nanoTime();

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> !rc.ids().isEmpty());
		double registeredAgainS = (System.nanoTime() - continuedAt) / 1e9;
		List<Integer> ids = rc.ids();
		// the hub keeps an engine's id for its uuid
		assertThat(ids).containsExactly(0);
		assertThat(rc.get(0).applySync(pid)).isEqualTo(enginePid);
		System.out.printf("engine 0 (pid %d) stopped: declared dead after %.1f s; continued: registered again as "
				+ "engine %d %.1f s later, and served%n", enginePid, declaredDeadS, ids.get(0), registeredAgainS);
	}

	@Test
	void aHubPausedForLongerThanTheHeartbeatTimeoutDeclaresNoLiveEngineDead() throws Exception {
		Client rc = CLUSTER.client();
		Path hubLog = CLUSTER.process().profileDir().resolve("log").resolve("hub.log");
		long hubPid = Long.parseLong(Files.readAllLines(CLUSTER.process().profileDir().resolve("pid").resolve("hub.pid"))
			.get(0)
			.trim());
		await().atMost(Duration.ofSeconds(60)).until(() -> rc.ids().equals(List.of(0)));
		// until then (its first second) the hub judges by the clock alone: a test run that paused it sooner
		// saw neither outcome
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Files.readString(hubLog).contains("heard its own heartbeat back"));
		int logBefore = Files.readString(hubLog).length();

		signal("STOP", hubPid);
		try {
			Thread.sleep(HUB_PAUSE.toMillis());
		}
		finally {
			signal("CONT", hubPid);
		}
		long continuedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			String since = Files.readString(hubLog).substring(logBefore);
			return since.contains("caught up with its heartbeat queue") || since.contains("heartbeat timeout");
		});
		double caughtUpS = (System.nanoTime() - continuedAt) / 1e9;

		String log = Files.readString(hubLog).substring(logBefore);
		assertThat(log).doesNotContain("heartbeat timeout")
			.containsPattern("The hub is \\d+ s behind on its heartbeat queue")
			.contains("caught up with its heartbeat queue");
		assertThat(rc.ids()).containsExactly(0);
		Fn0<Long> pid = () -> ProcessHandle.current().pid();
		assertThat(rc.get(0).applySync(pid)).isPositive();
		String behind = log.lines().filter(line -> line.contains("behind on its heartbeat queue")).findFirst().orElseThrow();
		System.out.printf("hub (pid %d) stopped for %d s, longer than its 5 s heartbeat timeout; continued: caught up "
				+ "after %.1f s, no engine declared dead, engine 0 served. Its log: %s%n", hubPid, HUB_PAUSE.toSeconds(),
				caughtUpS, behind.substring(behind.indexOf("The hub is")));
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
	}

}
