package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jparallel.protocol.broker.ProcessSpawner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessPriorityIntegrationTests {

	@Test
	void movingAJvmToTheBackgroundNicesEveryOneOfItsThreads(@TempDir Path dir) throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")) && Files.isExecutable(Path.of("/usr/bin/renice")),
				"Linux with renice");
		Path sleeper = dir.resolve("Sleeper.java");
		Files.writeString(sleeper, "public class Sleeper { public static void main(String[] a) throws Exception {"
				+ " System.out.println(\"up\"); Thread.sleep(60_000); } }");
		Process jvm = new ProcessBuilder(ServiceCommand.defaultJava().toString(), "-XX:+UseSerialGC", sleeper.toString())
			.redirectErrorStream(true).start();
		try {
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jvm.getInputStream().available() > 0);
			List<String> threads = ProcessPriority.threadsOf(jvm.pid());
			assertThat(threads).hasSizeGreaterThan(5).contains(String.valueOf(jvm.pid()));

			assertThat(ProcessPriority.moveToBackground(jvm.pid())).isTrue();

			for (String thread : ProcessPriority.threadsOf(jvm.pid())) {
				assertThat(niceness(jvm.pid(), thread)).as("thread %s", thread).isEqualTo(ProcessPriority.BACKGROUND);
				if (Files.isExecutable(Path.of("/usr/bin/chrt"))) {
					assertThat(policy(jvm.pid(), thread)).as("thread %s's policy", thread).isEqualTo(SCHED_IDLE);
				}
			}
		}
		finally {
			jvm.destroyForcibly().waitFor();
		}
	}

	@Test
	void movingAJvmInASessionOfItsOwnToTheBackgroundNicesTheSessionToo(@TempDir Path dir) throws Exception {
		assumeTrue(hasAutogroups() && Files.isExecutable(Path.of("/usr/bin/renice")), "Linux with autogroups and renice");
		Optional<Integer> ours = sessionNiceness(ProcessHandle.current().pid());
		Process jvm = spawn(dir, "sleeper", sleeper(dir), List.of());
		try {
			awaitOutput(dir, "sleeper");
			assertThat(sessionNiceness(jvm.pid())).contains(0);

			assertThat(ProcessPriority.moveToBackground(jvm.pid())).isTrue();

			assertThat(sessionNiceness(jvm.pid())).contains(ProcessPriority.BACKGROUND);
			assertThat(sessionNiceness(ProcessHandle.current().pid())).as("this JVM's session")
				.isEqualTo(ours);
			assertThat(ProcessPriority.niceSession(ProcessHandle.current().pid())).as("never this JVM's session")
				.isFalse();
		}
		finally {
			jvm.destroyForcibly().waitFor();
		}
	}

	/**
	 * Two JVMs in sessions of their own, each spinning as many threads as there are cores: the one started with
	 * {@link ProcessPriority#backgroundPrefix()} gets a small share. With its threads niced but its session's
	 * autogroup not, it got as much as the other (autogroups share the CPU between sessions first).
	 */
	@Test
	void aServiceStartedInTheBackgroundYieldsTheCoresToABusyServiceOfAnotherSession(@TempDir Path dir)
			throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")) && !ProcessPriority.backgroundPrefix().isEmpty(),
				"Linux with nice");
		Path spinner = dir.resolve("Spinner.java");
		Files.writeString(spinner, "public class Spinner { public static void main(String[] a) throws Exception {"
				+ " for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {"
				+ " new Thread(() -> { long x = 0; while (true) { x++; } }).start(); }"
				+ " System.out.println(\"spinning\"); Thread.sleep(120_000); System.exit(0); } }");
		Process background = spawn(dir, "background", spinner, ProcessPriority.backgroundPrefix());
		Process foreground = spawn(dir, "foreground", spinner, List.of());
		try {
			awaitOutput(dir, "background");
			awaitOutput(dir, "foreground");
			long backgroundBefore = cpuTicks(background.pid());
			long foregroundBefore = cpuTicks(foreground.pid());
			Thread.sleep(3_000);
			long backgroundUsed = cpuTicks(background.pid()) - backgroundBefore;
			long foregroundUsed = cpuTicks(foreground.pid()) - foregroundBefore;
			System.out.printf("over 3 s: background %d ticks of CPU, foreground %d%n", backgroundUsed, foregroundUsed);
			assertThat(backgroundUsed).isLessThan(foregroundUsed / 3);
		}
		finally {
			background.destroyForcibly().waitFor();
			foreground.destroyForcibly().waitFor();
		}
	}

	@Test
	void aServiceStartedInTheBackgroundInThisJvmsSessionLeavesTheSessionAlone(@TempDir Path dir) throws Exception {
		assumeTrue(hasAutogroups() && !ProcessPriority.backgroundPrefix().isEmpty(), "Linux with autogroups and nice");
		Optional<Integer> ours = sessionNiceness(ProcessHandle.current().pid());
		List<String> command = new ArrayList<>(ProcessPriority.backgroundPrefix());
		command.addAll(List.of(ServiceCommand.defaultJava().toString(), "-XX:+UseSerialGC", sleeper(dir).toString()));
		Process jvm = new ProcessSpawner(false).spawn(command, Map.of(), dir, dir.resolve("sleeper.log"));
		try {
			awaitOutput(dir, "sleeper");
			assertThat(sessionNiceness(ProcessHandle.current().pid())).isEqualTo(ours);
			long java = jvm.pid(); // the shell and nice exec the JVM in their place
			for (String thread : ProcessPriority.threadsOf(java)) {
				assertThat(niceness(java, thread)).as("thread %s", thread).isEqualTo(ProcessPriority.BACKGROUND);
				if (Files.isExecutable(Path.of("/usr/bin/chrt"))) {
					assertThat(policy(java, thread)).as("thread %s's policy", thread).isEqualTo(SCHED_IDLE);
				}
			}
		}
		finally {
			jvm.destroyForcibly().waitFor();
		}
	}

	private static Path sleeper(Path dir) throws Exception {
		Path sleeper = dir.resolve("Sleeper.java");
		Files.writeString(sleeper, "public class Sleeper { public static void main(String[] a) throws Exception {"
				+ " System.out.println(\"up\"); Thread.sleep(60_000); } }");
		return sleeper;
	}

	/** A JVM running {@code source} in a session of its own, as {@code jpcluster} starts services. */
	private static Process spawn(Path dir, String name, Path source, List<String> prefix) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(ServiceCommand.defaultJava().toString(), "-XX:+UseSerialGC", source.toString()));
		return new ProcessSpawner().spawn(command, Map.of(), dir, dir.resolve(name + ".log"));
	}

	private static void awaitOutput(Path dir, String name) {
		Awaitility.await().atMost(Duration.ofSeconds(60))
			.until(() -> Files.exists(dir.resolve(name + ".log")) && Files.size(dir.resolve(name + ".log")) > 0);
	}

	/** utime + stime of {@code /proc/<pid>/stat}, every thread of the process. */
	private static long cpuTicks(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** The nice value of the process's autogroup; empty where there is none. */
	private static Optional<Integer> sessionNiceness(long pid) {
		try {
			String[] words = Files.readString(Path.of("/proc", String.valueOf(pid), "autogroup")).trim().split("\\s+");
			return (words.length == 3 && words[1].equals("nice")) ? Optional.of(Integer.parseInt(words[2]))
					: Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static boolean hasAutogroups() {
		return ProcessPriority.autogroupOf(Path.of("/proc/self/autogroup")).isPresent()
				&& Files.isExecutable(Path.of("/usr/bin/setsid"));
	}

	/** {@code SCHED_IDLE} in {@code /proc/<pid>/stat}'s policy field ({@code SCHED_OTHER} is 0). */
	private static final int SCHED_IDLE = 5;

	/** Field 41 of {@code /proc/<pid>/task/<tid>/stat}: the thread's scheduling policy. */
	private static int policy(long pid, String thread) throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "task", thread, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Integer.parseInt(fields[38]);
	}

	/** Field 19 of {@code /proc/<pid>/task/<tid>/stat}, counted after the command name's closing parenthesis. */
	private static int niceness(long pid, String thread) throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "task", thread, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Integer.parseInt(fields[16]);
	}

	@Test
	void aProcessWithoutAThreadListIsNamedByItsPid() {
		assertThat(ProcessPriority.threadsOf(Long.MAX_VALUE)).containsExactly(String.valueOf(Long.MAX_VALUE));
	}

}
