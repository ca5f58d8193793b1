package io.jparallel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The machine and software a run measured, for the report: numbers mean little without them (this project
 * often benchmarks on small shared machines).
 */
public record MachineInfo(int cpus, String cpuModel, long memoryBytes, String kernel, String java,
		String jparallelVersion, String gitCommit) {

	public static MachineInfo collect() {
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(readLines("/proc/cpuinfo")),
				memTotal(readLines("/proc/meminfo")), firstLine("/proc/sys/kernel/osrelease"),
				System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"), readJparallelVersion(),
				readGitCommit());
	}

	public Map<String, String> asMap() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("cpus (nproc)", Integer.toString(this.cpus));
		map.put("cpu", this.cpuModel);
		map.put("memory", String.format(Locale.ROOT, "%.1f GiB", this.memoryBytes / (1024.0 * 1024 * 1024)));
		map.put("kernel", this.kernel);
		return map;
	}

	static String cpuModel(List<String> cpuinfo) {
		return cpuinfo.stream()
			.filter(line -> line.startsWith("model name"))
			.map(line -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown");
	}

	static long memTotal(List<String> meminfo) {
		return meminfo.stream()
			.filter(line -> line.startsWith("MemTotal:"))
			.map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
			.findFirst()
			.orElse(0L);
	}

	private static List<String> readLines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static String firstLine(String file) {
		List<String> lines = readLines(file);
		return lines.isEmpty() ? "unknown" : lines.get(0).trim();
	}

	private static String readJparallelVersion() {
		try (InputStream in = MachineInfo.class
			.getResourceAsStream("/META-INF/maven/io.jparallel/client-starter/pom.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "unknown");
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "unknown";
	}

	private static String readGitCommit() {
		try {
			Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
			String out = new String(git.getInputStream().readAllBytes()).trim();
			if (!git.waitFor(5, TimeUnit.SECONDS) || git.exitValue() != 0) {
				return "unknown";
			}
			// The build measures the working tree: say so when it differs from the commit.
			Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
				.redirectErrorStream(true)
				.start();
			String changes = new String(status.getInputStream().readAllBytes()).trim();
			status.waitFor(5, TimeUnit.SECONDS);
			return changes.isEmpty() ? out : out + " + uncommitted changes";
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
