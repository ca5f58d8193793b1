package io.jparallel.launcher.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code jpcluster kernel install}: writes the {@code jparallel} kernelspec, a {@code kernel.json} whose
 * argv runs {@code bin/jpcluster kernel {connection_file}}, under {@code PREFIX/share/jupyter/kernels/}
 * (Jupyter's layout for {@code --prefix}; without one, the user's {@code ~/.local/share/jupyter}).
 */
public final class KernelSpecInstaller {

	public static final String NAME = "jparallel";

	/**
	 * @param jpcluster the {@code bin/jpcluster} script
	 * @param prefix the prefix, or {@code null} for the user's data directory
	 * @param profileDir the cluster profile the kernel connects to, or {@code null} for the default one
	 * (then {@code JPARALLEL_PROFILE} / {@code JPARALLEL_DIR} at kernel start choose it)
	 * @return the kernelspec directory written
	 */
	public Path install(Path jpcluster, Path prefix, Path profileDir) {
		Path base = (prefix != null) ? prefix.resolve("share/jupyter")
				: Path.of(System.getProperty("user.home"), ".local/share/jupyter");
		Path dir = base.resolve("kernels").resolve(NAME);
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("kernel.json"), kernelJson(jpcluster, profileDir));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the kernelspec in " + dir, ex);
		}
		return dir;
	}

	static String kernelJson(Path jpcluster, Path profileDir) {
		List<String> argv = new ArrayList<>(List.of(jpcluster.toAbsolutePath().normalize().toString(), "kernel"));
		if (profileDir != null) {
			argv.add("--profile-dir");
			argv.add(profileDir.toAbsolutePath().normalize().toString());
		}
		argv.add("{connection_file}");
		return "{\n  \"argv\": [" + argv.stream().map(KernelSpecInstaller::quoted).collect(Collectors.joining(", "))
				+ "],\n  \"display_name\": \"Java (JParallel)\",\n  \"language\": \"java\",\n"
				+ "  \"interrupt_mode\": \"message\"\n}\n";
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
