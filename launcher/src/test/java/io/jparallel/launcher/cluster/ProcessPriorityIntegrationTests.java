package io.jparallel.launcher.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
			}
		}
		finally {
			jvm.destroyForcibly().waitFor();
		}
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
