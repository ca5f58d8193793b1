package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Background work yields the cores: the registry runs niced from its start (nothing waits on it while a
 * cluster starts), the hub from the moment every engine has registered (it is on the start path, since
 * engines register with it, but after that its audit is background work, and a hub that falls behind only
 * grows its own queue). Where {@code nice}/{@code renice} are missing, everything runs at normal priority.
 * <p>
 * A thread's nice value alone is not enough on Linux with {@code kernel.sched_autogroup_enabled=1} (Debian's
 * default): the scheduler first shares the CPU between <em>autogroups</em>, one per session, and only then
 * between the threads of a group by their nice values. Every service runs in a session of its own
 * ({@code setsid}, see {@code ProcessSpawner}), so a niced registry or hub still got a full group's share:
 * the registry used 3.5-5.2 CPU-seconds of a 4-engine start it was meant to yield to. So the session's
 * autogroup is niced too ({@code /proc/<pid>/autogroup}), never the session {@code jpcluster} runs in.
 * <p>
 * Both also run under {@code SCHED_IDLE}: a niced thread that has the core still finishes its slice before a
 * request's thread that wakes up gets it, an idle-policy one is preempted at once. Their groups' shares of a
 * busy machine stay what the nice values give them (the policy only weighs threads within their group). Right
 * after a start the registry's own start (4-5 CPU-seconds) and the hub's audit run while a user's first
 * requests do: with both under {@code SCHED_IDLE}, 1,000 direct round trips right after a start had a p99 of
 * 21.7-30.4 ms (mean 26.8) against 28.4-35.4 (mean 31.3) niced only (six pairs, {@code /tmp/ab/rt.sh}).
 */
final class ProcessPriority {

	/** The niceness of background services: they get what the request path leaves. */
	static final int BACKGROUND = 10;

	private static final Path NICE = Path.of("/usr/bin/nice");

	private static final Path RENICE = Path.of("/usr/bin/renice");

	private static final Path SH = Path.of("/bin/sh");

	private static final Path CHRT = Path.of("/usr/bin/chrt");

	private ProcessPriority() {
	}

	/** The ids of the process's threads ({@code /proc/<pid>/task}), or the pid alone where there is no such list. */
	static List<String> threadsOf(long pid) {
		Path tasks = Path.of("/proc", String.valueOf(pid), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			List<String> ids = threads.map(thread -> thread.getFileName().toString()).toList();
			return ids.isEmpty() ? List.of(String.valueOf(pid)) : ids;
		}
		catch (IOException | RuntimeException ex) {
			return List.of(String.valueOf(pid));
		}
	}

	/**
	 * The prefix that starts a command in the background priority, or none: a shell that nices its session's
	 * autogroup (when the command is started in a session of its own the shell is in that session already; in
	 * its parent's session it leaves the autogroup alone) and puts itself under {@code SCHED_IDLE}, both where
	 * the system has them and neither fatal, then runs the command in its place, niced by {@code nice}.
	 */
	static List<String> backgroundPrefix() {
		if (!Files.isExecutable(NICE)) {
			return List.of();
		}
		List<String> prefix = new ArrayList<>();
		StringBuilder script = new StringBuilder();
		if (Files.exists(Path.of("/proc/self/autogroup"))) {
			// only in a session of its own (its autogroup is not its parent's, jpcluster's)
			script.append("{ read own rest < /proc/self/autogroup; read parent rest < /proc/$PPID/autogroup;"
					+ " [ \"$own\" != \"$parent\" ] && echo " + BACKGROUND + " > /proc/self/autogroup; } 2>/dev/null; ");
		}
		if (Files.isExecutable(CHRT)) {
			script.append(CHRT + " --idle --pid 0 $$ 2>/dev/null; ");
		}
		if (Files.isExecutable(SH) && script.length() > 0) {
			// $0 and $@ are the words after the script: nice, its arguments and the command
			prefix.addAll(List.of(SH.toString(), "-c", script + "exec \"$0\" \"$@\""));
		}
		prefix.addAll(List.of(NICE.toString(), "-n", String.valueOf(BACKGROUND)));
		return List.copyOf(prefix);
	}

	/**
	 * Moves a running process to the background priority, every one of its threads: Linux keeps a nice value
	 * per thread, and {@code renice -p <pid>} alone changed only the process's main thread (a hub "moved to
	 * the background" kept its audit, collector and database threads at 0, seen with {@code ps -L -o ni}).
	 * Threads it starts later take their creator's value. False if that was not possible.
	 */
	static boolean moveToBackground(long pid) {
		if (!Files.isExecutable(RENICE)) {
			return false;
		}
		List<String> command = new ArrayList<>(List.of(RENICE.toString(), "-n", String.valueOf(BACKGROUND), "-p"));
		command.addAll(threadsOf(pid));
		try {
			return succeeds(command);
		}
		finally {
			niceSession(pid);
			idle(pid);
		}
	}

	/**
	 * Puts every thread of the process under {@code SCHED_IDLE} ({@code chrt --idle --all-tasks}); false where
	 * that was not possible. Threads it starts later inherit it.
	 */
	static boolean idle(long pid) {
		return Files.isExecutable(CHRT)
				&& succeeds(List.of(CHRT.toString(), "--idle", "--all-tasks", "--pid", "0", String.valueOf(pid)));
	}

	/** Whether {@code command} ran and exited with 0 within 5 s (its output discarded). */
	private static boolean succeeds(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Nices the autogroup of the process's session, if it has one of its own (not this JVM's); false if it
	 * has none or that was not possible.
	 */
	static boolean niceSession(long pid) {
		Path group = Path.of("/proc", String.valueOf(pid), "autogroup");
		try {
			Optional<String> own = autogroupOf(Path.of("/proc/self/autogroup"));
			Optional<String> theirs = autogroupOf(group);
			if (theirs.isEmpty() || theirs.equals(own)) {
				return false;
			}
			Files.writeString(group, String.valueOf(BACKGROUND));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** The autogroup's name, e.g. {@code /autogroup-112} of {@code /autogroup-112 nice 0}; empty where there is none. */
	static Optional<String> autogroupOf(Path file) {
		try {
			String[] words = Files.readString(file).trim().split("\\s+");
			return (words.length > 0 && !words[0].isEmpty()) ? Optional.of(words[0]) : Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
