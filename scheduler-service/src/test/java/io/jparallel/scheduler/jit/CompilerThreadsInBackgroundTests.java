package io.jparallel.scheduler.jit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.scheduler.jit.CompilerThreadsInBackground.CompilerThread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class CompilerThreadsInBackgroundTests {

	/** {@code SCHED_IDLE} in {@code sched.h}. */
	private static final int SCHED_IDLE = 5;

	@Test
	void movesEveryCompilerThreadOfThisJvmUnderTheIdlePolicy() throws Exception {
		assumeThat(Path.of("/usr/bin/chrt")).isExecutable();
		List<CompilerThread> threads = CompilerThreadsInBackground.compilerThreads();
		assertThat(threads).extracting(CompilerThread::name).anyMatch(name -> name.startsWith("C1 CompilerThre"));

		int moved = new CompilerThreadsInBackground().moveToBackground();

		assertThat(moved).isEqualTo(threads.size());
		for (CompilerThread thread : threads) {
			assertThat(policy(thread.id())).as(thread.name()).isEqualTo(SCHED_IDLE);
		}
	}

	@Test
	void otherThreadsKeepTheirPolicy() throws Exception {
		assumeThat(Path.of("/usr/bin/chrt")).isExecutable();
		new CompilerThreadsInBackground().moveToBackground();

		assertThat(policy("self")).as("the main thread").isZero();
	}

	/** Field 41 of {@code /proc/self/task/<id>/stat} ("self": this thread's process entry, the main thread). */
	private static int policy(String threadId) throws Exception {
		Path stat = threadId.equals("self") ? Path.of("/proc/thread-self/stat") : Path.of("/proc/self/task", threadId, "stat");
		String text = Files.readString(stat);
		String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
		return Integer.parseInt(fields[41 - 3]);
	}

}
