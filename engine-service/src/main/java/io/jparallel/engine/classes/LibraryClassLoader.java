package io.jparallel.engine.classes;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The jars a client added to the engine at run time ({@code add_classpath_request}), between the
 * engine's own class loader and everything that runs client code: it is the parent of the JShell
 * kernel's snippet classes and of every {@link PeerClassLoader}, so a library added once is the same
 * classes for snippets and for shipped functions and values. Parent first, like any
 * {@link URLClassLoader}: the engine's own classes (such as the kernel's namespace bridge) win.
 */
public final class LibraryClassLoader extends URLClassLoader {

	static {
		registerAsParallelCapable();
	}

	public LibraryClassLoader(ClassLoader parent) {
		super("jparallel-libraries", new URL[0], Objects.requireNonNull(parent, "parent class loader must not be null"));
	}

	/** Makes the classes of a jar loadable from now on; adding the same jar again has no effect. */
	public void addJar(Path jar) {
		try {
			addURL(jar.toAbsolutePath().normalize().toUri().toURL());
		}
		catch (MalformedURLException ex) {
			throw new UncheckedIOException("Cannot add " + jar + " to the class path", ex);
		}
	}

	/** The jars added so far, in order. */
	public List<Path> jars() {
		List<Path> jars = new ArrayList<>();
		for (URL url : getURLs()) {
			try {
				jars.add(Path.of(url.toURI()));
			}
			catch (URISyntaxException | RuntimeException ex) {
				// only file URLs are ever added
			}
		}
		return jars;
	}

}
