package io.jparallel.scheduler.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the scheduler is up, its JIT compiler threads run under {@code SCHED_IDLE} (Linux, with
 * {@code chrt}): a consumer thread that wakes up with a request takes the core from them at once, instead of
 * waiting out their slice. Its start keeps the normal policy, since there the main thread needs what they
 * compile. Compiler threads the JVM adds later are started by a compiler thread and inherit the policy.
 * <p>
 * Right after a start the scheduler compiles its request path while a user's first requests pass through it.
 * 1,000 direct round trips one second after {@code jpcluster start -n 4} ({@code /tmp/s31/rt2.sh}, three
 * alternated pairs): p99 17.4/18.0/16.8 ms against 19.3/20.6/22.7, p90 8.7-8.8 against 9.4-9.7, and
 * load-balanced {@code applyAsync} x5,000 right after within the spread (2,075-2,421 tasks/s against
 * 1,564-2,451).
 * <p>
 * Engines keep the normal policy: their compiler threads compile the user's code, and under
 * {@code SCHED_IDLE} a task that keeps its engine busy starves them (four engines each running a
 * 400-million-iteration loop on two cores took 8.9 s against 7.2-8.5 in the second of two executes,
 * {@code /tmp/s31/heavy/Heavy.java}).
 */
@Component
public class CompilerThreadsInBackground {

	private static final Log logger = LogFactory.getLog(CompilerThreadsInBackground.class);

	private static final Path CHRT = Path.of("/usr/bin/chrt");

	private static final Path TASKS = Path.of("/proc/self/task");

	@EventListener(ApplicationReadyEvent.class)
	public void startedUp() {
		Thread thread = new Thread(this::moveToBackground, "jit-to-background");
		thread.setDaemon(true);
		thread.start();
	}

	/** Moves every compiler thread to {@code SCHED_IDLE}; the number moved (0 where that is not possible). */
	int moveToBackground() {
		if (!Files.isExecutable(CHRT) || !Files.isDirectory(TASKS)) {
			logger.debug("No chrt or /proc/self/task: the JIT compiler threads keep their policy");
			return 0;
		}
		List<String> moved = new ArrayList<>();
		for (CompilerThread thread : compilerThreads()) {
			if (idle(thread.id())) {
				moved.add(thread.name().substring(0, 2));
			}
		}
		if (!moved.isEmpty()) {
			logger.info("The JIT's compiler threads (" + String.join(", ", moved)
					+ ") now run under SCHED_IDLE: a request's thread takes the core from them");
		}
		return moved.size();
	}

	/** The JVM's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}, ...). */
	static List<CompilerThread> compilerThreads() {
		try (Stream<Path> tasks = Files.list(TASKS)) {
			return tasks.map(CompilerThreadsInBackground::compilerThread).flatMap(Stream::ofNullable).toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static CompilerThread compilerThread(Path task) {
		try {
			String name = Files.readString(task.resolve("comm")).trim();
			return (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"))
					? new CompilerThread(task.getFileName().toString(), name) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean idle(String threadId) {
		try {
			Process chrt = new ProcessBuilder(CHRT.toString(), "--idle", "--pid", "0", threadId).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return chrt.waitFor(5, TimeUnit.SECONDS) && chrt.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A thread of this JVM: its id in {@code /proc/self/task} and its name as the kernel knows it. */
	record CompilerThread(String id, String name) {
	}

}
