package io.jparallel.engine.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import jdk.jshell.JShell;

/**
 * What javac compiles a kernel's snippets against: the JVM's class path (with the {@code Class-Path}
 * entries of its jars, which javac follows), the location of {@link NamespaceBridge} (so that push
 * compiles), and the jars added at run time, which every new JShell of the kernel gets too, so they
 * outlive a reset.
 */
final class CompilerClasspath {

	private final Set<Path> jvm;

	private final Path bridgeLocation;

	private final Set<Path> added = new LinkedHashSet<>();

	CompilerClasspath() {
		this.jvm = javaClassPath();
		this.jvm.addAll(manifestClassPath(this.jvm));
		this.bridgeLocation = compilerLocationOf(NamespaceBridge.class);
	}

	/**
	 * Puts the bridge and the added jars on a new shell's class path (javac starts with the JVM's).
	 * @return every location the shell's javac reads, for the new session to add to
	 */
	synchronized Set<Path> applyTo(JShell shell) {
		Set<Path> classpath = new LinkedHashSet<>(this.jvm);
		List<Path> extra = new ArrayList<>();
		extra.add(this.bridgeLocation);
		extra.addAll(this.added);
		for (Path location : extra) {
			if (classpath.add(location)) {
				shell.addToClasspath(location.toString());
			}
		}
		return classpath;
	}

	/** Remembers a jar for every later shell; {@code false} if it was already remembered. */
	synchronized boolean add(Path jar) {
		return this.added.add(normalize(jar));
	}

	/** The jars added at run time, in order. */
	synchronized List<Path> added() {
		return List.copyOf(this.added);
	}

	static Path normalize(Path path) {
		return path.toAbsolutePath().normalize();
	}

	/** Where a class was loaded from, or {@code null} if it has no file location. */
	static Path locationOf(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return null;
		}
		try {
			return normalize(Path.of(source.getLocation().toURI()));
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A jar or directory javac can read that holds the class: its code source if that is a plain
	 * file, otherwise (e.g. a jar nested in a Spring Boot fat jar) a temp dir the class file is copied to.
	 */
	private static Path compilerLocationOf(Class<?> type) {
		Path location = locationOf(type);
		if (location != null && Files.exists(location)) {
			return location;
		}
		String resource = type.getName().replace('.', '/') + ".class";
		try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Cannot find the class file of " + type.getName());
			}
			Path directory = Files.createTempDirectory("jparallel-kernel-classes");
			Path file = directory.resolve(resource);
			Files.createDirectories(file.getParent());
			Files.copy(in, file);
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract " + resource + " for the JShell compiler", ex);
		}
	}

	private static Set<Path> javaClassPath() {
		Set<Path> paths = new LinkedHashSet<>();
		for (String element : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
			if (!element.isEmpty()) {
				try {
					paths.add(normalize(Path.of(element)));
				}
				catch (RuntimeException ex) {
					// not a path javac could use either
				}
			}
		}
		return paths;
	}

	/** Entries of Class-Path manifest attributes, which javac follows (surefire's booter jar uses one). */
	private static Set<Path> manifestClassPath(Set<Path> classpath) {
		Set<Path> entries = new LinkedHashSet<>();
		for (Path path : classpath) {
			if (!path.toString().endsWith(".jar") || !Files.isRegularFile(path)) {
				continue;
			}
			try (JarFile jar = new JarFile(path.toFile())) {
				Manifest manifest = jar.getManifest();
				String value = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
						: null;
				if (value == null) {
					continue;
				}
				for (String entry : value.trim().split("\\s+")) {
					try {
						URL url = new URL(path.toUri().toURL(), entry);
						entries.add(normalize(Path.of(url.toURI())));
					}
					catch (IOException | URISyntaxException | RuntimeException ex) {
						// skip entries javac could not use either
					}
				}
			}
			catch (IOException ex) {
				// unreadable jar: javac would skip it too
			}
		}
		return entries;
	}

}
