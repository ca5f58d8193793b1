package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;

/**
 * Runs {@code bin/jpcluster} the way a user does, with its own {@code JPARALLEL_DIR}, and keeps
 * what it printed for assertions and failure messages.
 */
final class JpclusterProcess {

	private final Path home = Path.of("").toAbsolutePath().getParent();

	private final Path baseDir;

	private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

	JpclusterProcess(Path baseDir) {
		this.baseDir = baseDir;
	}

	/** Sets an environment variable for every jpcluster command (e.g. {@code JPARALLEL_JVM_OPTS}). */
	JpclusterProcess withEnvironment(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	Path profileDir() {
		return this.baseDir.resolve("profile_default");
	}

	Path clientFile() {
		return ConnectionFiles.clientFile(profileDir());
	}

	ConnectionInfo connectionInfo() {
		return ConnectionFiles.read(clientFile());
	}

	Result run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.home.resolve("bin/jpcluster").toString());
		command.addAll(List.of(args));
		Path output = Files.createTempFile(this.baseDir, "jpcluster", ".out");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("JPARALLEL_DIR", this.baseDir.toString());
		builder.environment().remove("JPARALLEL_PROFILE");
		builder.environment().remove("JPARALLEL_BROKER_URL");
		builder.environment().remove("JPARALLEL_BROKER_CA");
		if (command.contains("--broker") && !command.contains("--broker-management")) {
			// the test broker's management API, where jpcluster creates the cluster's broker user
			builder.environment().put("JPARALLEL_BROKER_MANAGEMENT_URL", TestBroker.managementUrl());
		}
		else {
			builder.environment().remove("JPARALLEL_BROKER_MANAGEMENT_URL");
		}
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		if (!process.waitFor(6, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("jpcluster " + String.join(" ", args) + " did not finish in 6 minutes:\n"
					+ Files.readString(output));
		}
		return new Result(process.exitValue(), Files.readString(output));
	}

	Result start(String... args) throws IOException, InterruptedException {
		// a cold machine (first start of a build, no class data sharing archives yet) can be slow
		List<String> all = new ArrayList<>(List.of("start", "--timeout", "300"));
		all.addAll(List.of(args));
		Result result = run(all.toArray(String[]::new));
		if (result.exitCode() != 0) {
			throw new IllegalStateException("jpcluster start failed (" + result.exitCode() + "):\n" + result.output()
					+ logs());
		}
		return result;
	}

	/** The tail of every service log, to explain a failure. */
	String logs() {
		StringBuilder text = new StringBuilder();
		Path logDir = profileDir().resolve("log");
		try (var files = Files.list(logDir)) {
			for (Path log : files.sorted().toList()) {
				List<String> lines = Files.readAllLines(log);
				text.append("\n--- ").append(log.getFileName()).append(" ---\n");
				lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> text.append(l).append('\n'));
			}
		}
		catch (IOException ex) {
			text.append("\n(no logs: ").append(ex.getMessage()).append(")");
		}
		return text.toString();
	}

	record Result(int exitCode, String output) {
	}

}
