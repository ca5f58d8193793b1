package io.jparallel.launcher.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.client.Client;
import io.jparallel.protocol.function.Fn0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An engine whose heartbeats stop for longer than the hub's timeout (its process stopped with SIGSTOP:
 * what a starved machine or a long GC pause looks like to the hub) is declared dead; when it beats again,
 * the hub asks it to register again, and it serves on under its id (the hub keeps an engine's id for its
 * uuid). The test stops and continues only
 * the engine process its own cluster started, by pid.
 */
class EngineRegisterAgainIntegrationTests {

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

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
	}

}
