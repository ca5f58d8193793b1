package io.jparallel.launcher.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.launcher.process.ProcessTable;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.ProcessSpawner;

import static org.assertj.core.api.Assertions.assertThat;

class EngineSupervisorTests {

	@TempDir
	Path profile;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void anEngineThatDiedIsStartedAgainWithItsCommandAndTheRestartIsRecorded() throws Exception {
		ClusterLayout layout = new ClusterLayout(this.profile);
		long deadPid = deadEngine(layout, "engine-1");

		int restarted = supervisor(layout, new EngineRestarts(5, Duration.ofSeconds(60))).checkOnce(Instant.now());

		assertThat(restarted).isEqualTo(1);
		ServiceProcess replacement = layout.processTable().list().get(0);
		assertThat(replacement.name()).isEqualTo("engine-1");
		assertThat(replacement.pid()).isNotEqualTo(deadPid);
		assertThat(replacement.isAlive()).isTrue();
		assertThat(EngineSupervisor.restartRecord(layout)).singleElement()
			.asString()
			.contains("engine-1 (pid " + deadPid + ") died; restarted as pid " + replacement.pid());
		ProcessHandle.of(replacement.pid()).ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	void anEngineThatStoppedOnRequestRemovedItsPidFileAndIsLeftAlone() throws Exception {
		ClusterLayout layout = new ClusterLayout(this.profile);
		deadEngine(layout, "engine-0");
		layout.processTable().remove("engine-0");

		assertThat(supervisor(layout, EngineRestarts.DEFAULT).checkOnce(Instant.now())).isZero();
		assertThat(EngineSupervisor.restartRecord(layout)).isEmpty();
	}

	@Test
	void restartsBeyondTheLimitAreRefusedOnceAndRecorded() throws Exception {
		ClusterLayout layout = new ClusterLayout(this.profile);
		long deadPid = deadEngine(layout, "engine-0");
		EngineSupervisor supervisor = supervisor(layout, new EngineRestarts(0, Duration.ofSeconds(60)));

		assertThat(supervisor.checkOnce(Instant.now())).isZero();
		assertThat(supervisor.checkOnce(Instant.now())).isZero();

		assertThat(EngineSupervisor.restartRecord(layout)).singleElement()
			.asString()
			.contains("engine-0 (pid " + deadPid + ") died; NOT restarted")
			.contains("--max-restarts");
	}

	@Test
	void theBudgetCountsRestartsWithinTheWindowOnly() {
		EngineRestarts.Budget budget = new EngineRestarts(2, Duration.ofSeconds(10)).budget();
		Instant start = Instant.parse("2026-01-01T00:00:00Z");

		assertThat(budget.tryRestart(start)).isTrue();
		assertThat(budget.tryRestart(start.plusSeconds(1))).isTrue();
		assertThat(budget.tryRestart(start.plusSeconds(2))).isFalse();
		assertThat(budget.tryRestart(start.plusSeconds(11))).isTrue();
	}

	private EngineSupervisor supervisor(ClusterLayout layout, EngineRestarts restarts) {
		return new EngineSupervisor(layout, restarts, new ProcessSpawner(false),
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
	}

	/** Records an engine whose process has ended, with {@code sleep 30} as its command. */
	private long deadEngine(ClusterLayout layout, String name) throws Exception {
		layout.create();
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		ProcessTable table = layout.processTable();
		table.record(new ServiceProcess(name, gone.pid(), null, table.logFile(name)));
		EngineSupervisor.recordCommand(layout, name, List.of("sleep", "30"));
		assertThat(Files.exists(table.pidFile(name))).isTrue();
		return gone.pid();
	}

}
