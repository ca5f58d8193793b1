package io.jparallel.protocol.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts long-running background processes with output appended to a log file and no terminal input.
 * Where {@code setsid} exists the process gets its own session, so a Ctrl-C or a closed terminal after
 * {@code jpcluster start} returns does not reach the cluster; {@code jpcluster stop} ends it.
 */
public final class ProcessSpawner {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private final boolean detach;

	public ProcessSpawner() {
		this(Files.isExecutable(SETSID));
	}

	public ProcessSpawner(boolean detach) {
		this.detach = detach;
	}

	/**
	 * Starts {@code command}. {@code setsid} execs the command in place (a child of the JVM is never a
	 * process group leader, so it does not fork), hence the returned process is the command itself.
	 */
	public Process spawn(List<String> command, Map<String, String> environment, Path workingDir, Path logFile) {
		List<String> full = new ArrayList<>();
		if (this.detach) {
			full.add(SETSID.toString());
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(logFile.getParent());
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + String.join(" ", command) + ": " + ex.getMessage(), ex);
		}
	}

}
