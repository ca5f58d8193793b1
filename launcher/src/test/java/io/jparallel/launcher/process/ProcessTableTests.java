package io.jparallel.launcher.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.protocol.broker.ProcessTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessTableTests {

	@TempDir
	Path tmp;

	private Process sleeper;

	@AfterEach
	void killSleeper() {
		if (this.sleeper != null) {
			this.sleeper.destroyForcibly();
		}
	}

	@Test
	void recordsProcessesAndListsThemEnginesFirstThenSchedulerHubRegistry() {
		ProcessTable table = table();
		long pid = ProcessHandle.current().pid();
		for (String name : new String[] { "registry", "engine-10", "hub", "engine-2", "scheduler" }) {
			table.record(new ServiceProcess(name, pid, null, table.logFile(name)));
		}

		assertThat(table.list()).extracting(ServiceProcess::name)
			.containsExactly("engine-2", "engine-10", "scheduler", "hub", "registry");
		assertThat(table.pidFile("hub")).content().startsWith(Long.toString(pid));
	}

	@Test
	void aRunningProcessIsAliveUntilItEnds() throws Exception {
		ProcessTable table = table();
		this.sleeper = new ProcessBuilder("sleep", "60").start();
		table.record(ServiceProcess.of("engine-0", this.sleeper.toHandle(), table.logFile("engine-0")));

		assertThat(table.alive()).extracting(ServiceProcess::pid).containsExactly(this.sleeper.pid());

		this.sleeper.destroy();
		await().atMost(Duration.ofSeconds(5)).until(() -> table.alive().isEmpty());
		assertThat(table.list()).hasSize(1);
	}

	@Test
	void aRecycledPidWithAnotherStartTimeIsNotOurProcess() {
		ProcessTable table = table();
		Instant otherStart = ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600);
		table.record(new ServiceProcess("hub", ProcessHandle.current().pid(), otherStart, table.logFile("hub")));

		assertThat(table.alive()).isEmpty();
	}

	@Test
	void ignoresGarbageAndRemovesPidFiles() throws Exception {
		ProcessTable table = table();
		Files.createDirectories(this.tmp.resolve("pid"));
		Files.writeString(table.pidFile("broken"), "not a pid");
		table.record(new ServiceProcess("hub", 12345, null, table.logFile("hub")));

		assertThat(table.list()).extracting(ServiceProcess::name).containsExactly("hub");
		table.remove("hub");
		assertThat(table.list()).isEmpty();
	}

	@Test
	void terminatingATreeEndsTheChildrenToo() throws Exception {
		this.sleeper = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sleeper.toHandle().descendants().count() == 2);
		var tree = ProcessTrees.snapshot(this.sleeper.toHandle());

		ProcessTrees.terminate(this.sleeper.toHandle(), Duration.ofSeconds(1));

		assertThat(tree).hasSize(3).noneMatch(ProcessTrees::isRunning);
	}

	private ProcessTable table() {
		return new ProcessTable(this.tmp.resolve("pid"), this.tmp.resolve("log"));
	}

}
