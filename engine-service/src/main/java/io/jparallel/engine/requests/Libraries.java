package io.jparallel.engine.requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.wire.Digests;
import io.jparallel.engine.classes.LibraryClassLoader;
import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.engine.registration.EngineIdentity;

/**
 * Jars clients added to the engine ({@code add_classpath_request}). Each is checked against the SHA-256
 * the client sent, stored in a directory of this engine's own ({@code jparallel-engine-<uuid>/lib} in
 * the temp dir, deleted when the engine stops), and put on the class path of the namespace (javac and
 * snippet classes, also after a clear) and of shipped functions and values (the
 * {@link LibraryClassLoader}). A jar is known by its SHA-256: adding the same bytes again changes nothing.
 */
@Component
public class Libraries implements DisposableBean {

	private static final Log logger = LogFactory.getLog(Libraries.class);

	/** What a jar's name may be: a plain file name, no path. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+\\.jar");

	private final Path home;

	private final Path directory;

	private final LibraryClassLoader loader;

	private final JShellKernel kernel;

	private final Map<String, Path> bySha256 = new LinkedHashMap<>();

	@Autowired
	public Libraries(EngineIdentity identity, LibraryClassLoader loader, JShellKernel kernel) {
		this(Path.of(System.getProperty("java.io.tmpdir"), "jparallel-engine-" + identity.uuid()), loader, kernel);
	}

	/**
	 * @param home the engine's own directory, deleted when the engine stops; jars go to its {@code lib}
	 */
	Libraries(Path home, LibraryClassLoader loader, JShellKernel kernel) {
		this.home = home.toAbsolutePath().normalize();
		this.directory = this.home.resolve("lib");
		this.loader = loader;
		this.kernel = kernel;
	}

	/**
	 * Adds a jar to the class path.
	 * @param name the jar's file name ({@code [A-Za-z0-9._-]+.jar})
	 * @param sha256 the SHA-256 of its bytes, hex
	 * @param bytes the jar
	 * @return where it is stored
	 * @throws IllegalArgumentException if the name is not a plain jar name, the SHA-256 does not match or
	 * the bytes are not a jar
	 */
	public synchronized Path add(String name, String sha256, byte[] bytes) throws IOException {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a jar name (letters, digits, '.', '_' and '-', "
					+ "ending in .jar)");
		}
		if (sha256 == null || sha256.isBlank()) {
			throw new IllegalArgumentException("add_classpath_request for " + name + " has no sha256");
		}
		String actual = Digests.sha256(bytes);
		if (!actual.equalsIgnoreCase(sha256.strip())) {
			throw new IllegalArgumentException("The SHA-256 of " + name + " (" + bytes.length + " bytes) is " + actual
					+ ", not " + sha256.strip() + " as the request says: the jar was not added");
		}
		Path known = this.bySha256.get(actual);
		if (known != null) {
			return known;
		}
		Path jar = store(name, actual, bytes);
		this.loader.addJar(jar);
		this.kernel.addToClasspath(jar);
		this.bySha256.put(actual, jar);
		logger.info("Added " + name + " (" + bytes.length + " bytes) to the class path");
		return jar;
	}

	/** The jars added so far, by SHA-256. */
	public synchronized Map<String, Path> jars() {
		return Map.copyOf(this.bySha256);
	}

	/** Writes the jar beside its final name, checks that it is one, and moves it into place. */
	private Path store(String name, String sha256, byte[] bytes) throws IOException {
		if (!Files.isDirectory(this.directory)) {
			Files.createDirectories(this.directory);
			this.home.toFile().deleteOnExit();
			this.directory.toFile().deleteOnExit();
		}
		Path jar = this.directory.resolve(name);
		if (Files.exists(jar)) {
			// another jar of the same name: keep both
			jar = this.directory.resolve(sha256.substring(0, 12) + "-" + name);
		}
		Path partial = Files.createTempFile(this.directory, name, ".part");
		try {
			Files.write(partial, bytes);
			try (JarFile check = new JarFile(partial.toFile())) {
				check.size();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(name + " is not a jar: " + ex.getMessage(), ex);
			}
			Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
		jar.toFile().deleteOnExit();
		return jar;
	}


	/** Deletes the engine's directory, best-effort (what is left goes on exit). */
	@Override
	public void destroy() {
		if (!Files.exists(this.home)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.home)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					// best-effort
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("Could not delete " + this.home + ": " + ex.getMessage());
		}
	}

}
