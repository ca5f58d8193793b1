package io.jparallel.engine.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads snippet classes in a class loader whose parent is the engine's (or a peer) class loader,
 * unlike JShell's default delegate whose parent is the system class loader: host classes such as
 * {@link NamespaceBridge} are then the same classes for the engine and for snippets.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {

	private final SnippetClassLoader loader;

	private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

	SnippetLoaderDelegate(ClassLoader parent) {
		this.loader = new SnippetClassLoader(parent);
	}

	ClassLoader classLoader() {
		return this.loader;
	}

	@Override
	public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
		boolean[] loaded = new boolean[cbcs.length];
		try {
			for (ClassBytecodes cbc : cbcs) {
				this.loader.declare(cbc.name(), cbc.bytecodes());
			}
			for (int i = 0; i < cbcs.length; i++) {
				Class<?> type = this.loader.loadClass(cbcs[i].name());
				this.classes.put(cbcs[i].name(), type);
				loaded[i] = true;
				// link now, so that a broken class fails the load and not the first call
				type.getDeclaredMethods();
			}
		}
		catch (Throwable ex) {
			throw new ClassInstallException("load: " + ex.getMessage(), loaded);
		}
	}

	// Declared by LoaderDelegate on JDK 17 and later; never called in-process (redefine is unsupported).
	@Override
	public void classesRedefined(ClassBytecodes[] cbcs) {
		for (ClassBytecodes cbc : cbcs) {
			this.loader.declare(cbc.name(), cbc.bytecodes());
		}
	}

	@Override
	public void addToClasspath(String path) throws InternalException {
		try {
			for (String element : path.split(File.pathSeparator)) {
				if (!element.isEmpty()) {
					this.loader.addURL(Path.of(element).toUri().toURL());
				}
			}
		}
		catch (MalformedURLException | RuntimeException ex) {
			throw new InternalException("Cannot add '" + path + "' to the class path: " + ex);
		}
	}

	@Override
	public Class<?> findClass(String name) throws ClassNotFoundException {
		Class<?> type = this.classes.get(name);
		return (type != null) ? type : this.loader.loadClass(name);
	}

	void close() {
		try {
			this.loader.close();
		}
		catch (Exception ex) {
			// nothing useful to do: the loader is being dropped anyway
		}
	}

	private static final class SnippetClassLoader extends URLClassLoader {

		static {
			registerAsParallelCapable();
		}

		private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

		SnippetClassLoader(ClassLoader parent) {
			super("jshell-snippets", new URL[0], parent);
		}

		void declare(String name, byte[] bytes) {
			this.declared.put(name, bytes);
		}

		@Override
		protected void addURL(URL url) {
			super.addURL(url);
		}

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			byte[] bytes = this.declared.remove(name);
			if (bytes != null) {
				return defineClass(name, bytes, 0, bytes.length);
			}
			return super.findClass(name);
		}

	}

}
