package io.jparallel.launcher.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.EngineRestarts;
import io.jparallel.protocol.connection.ConnectionFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandLineTests {

	private final CommandLine commandLine = new CommandLine(2);

	@Test
	void startTakesEveryOption() {
		Command command = parse("start", "-n", "4", "--profile", "bench", "--broker", "amqp://u:p@host:5672/",
				"--cluster-id", "abc123", "--timeout", "30");

		assertThat(command).isInstanceOfSatisfying(Command.Start.class, start -> {
			ClusterOptions options = start.options();
			assertThat(options.engines()).isEqualTo(4);
			assertThat(options.profileDir()).isEqualTo(ConnectionFiles.profileDir("bench"));
			assertThat(options.brokerUri()).isEqualTo("amqp://u:p@host:5672/");
			assertThat(options.clusterId()).isEqualTo("abc123");
			assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void restartLimitsAndStandbySchedulersAreStartOptions() {
		Command command = parse("start", "--max-restarts", "0", "--restart-window=30", "--schedulers", "2");

		assertThat(command).isInstanceOfSatisfying(Command.Start.class, start -> {
			assertThat(start.restarts()).isEqualTo(new EngineRestarts(0, Duration.ofSeconds(30)));
			assertThat(start.schedulers()).isEqualTo(2);
		});
		assertThat(parse("start")).isInstanceOfSatisfying(Command.Start.class, start -> {
			assertThat(start.restarts()).isEqualTo(EngineRestarts.DEFAULT);
			assertThat(start.schedulers()).isEqualTo(1);
		});
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("stop", "--schedulers", "2"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("start only");
		assertThat(parse("supervise", "--profile-dir", "/tmp/p", "--max-restarts", "3"))
			.isInstanceOfSatisfying(Command.Supervise.class, supervise -> assertThat(supervise.restarts().max()).isEqualTo(3));
	}

	@Test
	void schemeAndHwmGoToTheSchedulerAndAreChecked() {
		Command command = parse("start", "--scheme", "LRU", "--hwm=1");

		assertThat(command).isInstanceOfSatisfying(Command.Start.class, start -> assertThat(
				start.options().extraJvmOptions())
			.contains("-Djparallel.scheduler.scheme=lru", "-Djparallel.scheduler.hwm=1"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("start", "--scheme", "fastest"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("leastload");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("start", "--hwm", "-1"))
			.isInstanceOf(UsageException.class);
	}

	@Test
	void optionsAcceptTheirValueAfterAnEqualsSign() {
		Command command = parse("start", "--engines=3", "--profile=x", "--timeout=5");

		assertThat(command).isInstanceOfSatisfying(Command.Start.class, start -> {
			assertThat(start.options().engines()).isEqualTo(3);
			assertThat(start.options().profileDir()).isEqualTo(ConnectionFiles.profileDir("x"));
			assertThat(start.options().timeout()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void startDefaultsToOneEnginePerCpuAndTwoMinutes() {
		Command command = parse("start");

		assertThat(command).isInstanceOfSatisfying(Command.Start.class, start -> {
			assertThat(start.options().engines()).isEqualTo(2);
			assertThat(start.options().timeout()).isEqualTo(Duration.ofSeconds(120));
			assertThat(start.options().clusterId()).isNull();
		});
	}

	@Test
	void stopAndStatusTakeAProfileOrAProfileDirectory() {
		assertThat(parse("stop", "--profile", "p1")).isEqualTo(new Command.Stop(ConnectionFiles.profileDir("p1")));
		assertThat(parse("status", "--profile-dir", "/tmp/x")).isEqualTo(new Command.Status(Path.of("/tmp/x")));
	}

	@Test
	void helpIsACommandAndAnOption() {
		assertThat(parse("help")).isInstanceOf(Command.Help.class);
		assertThat(parse("--help")).isInstanceOf(Command.Help.class);
		assertThat(parse("start", "-h")).isInstanceOf(Command.Help.class);
	}

	@Test
	void rejectsMissingAndUnknownCommands() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse()).withMessage("No command given");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("launch"))
			.withMessage("Unknown command 'launch'");
	}

	@Test
	void rejectsUnknownOptionsInsteadOfIgnoringThem() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "--engine", "4"))
			.withMessageContaining("Unknown option '--engine'");
	}

	@Test
	void rejectsEngineCountsBelowOneAndNonNumbers() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "-n", "0"))
			.withMessageContaining("at least 1");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "-n", "-2"))
			.withMessageContaining("at least 1");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "-n", "four"))
			.withMessageContaining("whole number");
	}

	@Test
	void rejectsAnOptionWithoutItsValue() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "-n"))
			.withMessage("Option -n needs a value");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("start", "--profile", "-n", "2"))
			.withMessage("Option --profile needs a value");
	}

	@Test
	void rejectsStartOptionsOnOtherCommands() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("stop", "-n", "2"))
			.withMessageContaining("start only");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("status", "--broker", "amqp://h"))
			.withMessageContaining("start only");
	}

	@Test
	void rejectsProfileTogetherWithProfileDirectory() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> parse("stop", "--profile", "a", "--profile-dir", "/tmp/a"))
			.withMessageContaining("either");
	}

	@Test
	void rejectsClusterIdsThatCannotPrefixQueueNames() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> parse("start", "--cluster-id", "a b"));
	}

	private Command parse(String... args) {
		return this.commandLine.parse(List.of(args));
	}

	@Test
	void consoleAndKernelTakeTheProfile() {
		assertThat(parse("console", "--profile", "bench")).isEqualTo(new Command.Console(ConnectionFiles.profileDir("bench")));
		assertThat(parse("kernel", "/run/kernel-1.json", "--profile-dir", "/tmp/p")).isEqualTo(
				new Command.Kernel(Path.of("/run/kernel-1.json"), Path.of("/tmp/p")));
		assertThat(parse("kernel", "install", "--prefix", "/opt/jp")).isEqualTo(
				new Command.KernelInstall(Path.of("/opt/jp"), null));
		assertThat(parse("kernel", "install", "--profile-dir", "/tmp/p")).isEqualTo(
				new Command.KernelInstall(null, Path.of("/tmp/p")));
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("kernel"))
			.withMessageContaining("connection file");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("console", "extra"))
			.withMessageContaining("Unknown option 'extra'");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse("console", "--prefix", "/x"))
			.withMessageContaining("kernel install only");
	}

}
