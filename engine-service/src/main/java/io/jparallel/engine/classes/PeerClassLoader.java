package io.jparallel.engine.classes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.jparallel.protocol.wire.Digests;

/**
 * Loads the classes of one client session: parent first (the engine's own classes win), then the
 * class file fetched from the client. Fetched bytes are kept with their SHA-256, and misses are
 * remembered so that probing (deserialization, the compiler) does not ask the client twice.
 * <p>
 * Serialized lambdas resolve through their capturing class's {@code $deserializeLambda$}, so
 * deserialize them with this loader: the capturing class and the helpers it uses then come from here.
 */
public final class PeerClassLoader extends ClassLoader {

	static {
		registerAsParallelCapable();
	}

	private static final String CLASS_SUFFIX = ".class";

	private final String session;

	private final ClassFetcher fetcher;

	private final Map<String, FetchedClass> fetched = new ConcurrentHashMap<>();

	private final Set<String> missing = ConcurrentHashMap.newKeySet();

	public PeerClassLoader(String session, ClassLoader parent, ClassFetcher fetcher) {
		super("peer-" + Objects.requireNonNull(session, "session must not be null"),
				Objects.requireNonNull(parent, "parent class loader must not be null"));
		this.session = session;
		this.fetcher = Objects.requireNonNull(fetcher, "fetcher must not be null");
	}

	public String session() {
		return this.session;
	}

	/** Class name to SHA-256 (hex) of every class file fetched from the client so far. */
	public Map<String, String> fetchedClasses() {
		Map<String, String> digests = new TreeMap<>();
		this.fetched.forEach((name, fetchedClass) -> digests.put(name, fetchedClass.sha256));
		return Collections.unmodifiableMap(digests);
	}

	@Override
	protected Class<?> findClass(String name) throws ClassNotFoundException {
		FetchedClass fetchedClass;
		try {
			fetchedClass = fetch(name);
		}
		catch (IOException ex) {
			throw new ClassNotFoundException(name + " (could not fetch it from client session " + this.session
					+ ": " + ex.getMessage() + ")", ex);
		}
		if (fetchedClass == null) {
			throw new ClassNotFoundException(name + " (neither the engine nor client session " + this.session
					+ " has it)");
		}
		byte[] bytes = fetchedClass.bytes;
		return defineClass(name, bytes, 0, bytes.length);
	}

	@Override
	protected URL findResource(String name) {
		if (!name.endsWith(CLASS_SUFFIX) || name.startsWith("/")) {
			return null;
		}
		String className = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
		try {
			FetchedClass fetchedClass = fetch(className);
			return (fetchedClass != null) ? fetchedClass.url(this.session, name) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	protected java.util.Enumeration<URL> findResources(String name) {
		URL url = findResource(name);
		return (url != null) ? Collections.enumeration(Set.of(url)) : Collections.emptyEnumeration();
	}

	private FetchedClass fetch(String className) throws IOException {
		FetchedClass known = this.fetched.get(className);
		if (known != null || this.missing.contains(className)) {
			return known;
		}
		// the class loading lock keeps two threads from asking the client for the same class
		synchronized (getClassLoadingLock(className)) {
			known = this.fetched.get(className);
			if (known != null || this.missing.contains(className)) {
				return known;
			}
			byte[] bytes = this.fetcher.fetch(className);
			if (bytes == null) {
				this.missing.add(className);
				return null;
			}
			FetchedClass fetchedClass = new FetchedClass(bytes, Digests.sha256(bytes));
			this.fetched.put(className, fetchedClass);
			return fetchedClass;
		}
	}


	@Override
	public String toString() {
		return "PeerClassLoader[session=" + this.session + ", fetched=" + this.fetched.size() + "]";
	}

	private static final class FetchedClass {

		private final byte[] bytes;

		private final String sha256;

		FetchedClass(byte[] bytes, String sha256) {
			this.bytes = bytes;
			this.sha256 = sha256;
		}

		URL url(String session, String resource) {
			try {
				return new URL("jparallel-peer", session, -1, "/" + resource, new URLStreamHandler() {

					@Override
					protected URLConnection openConnection(URL url) {
						return new URLConnection(url) {

							@Override
							public void connect() {
							}

							@Override
							public InputStream getInputStream() {
								return new ByteArrayInputStream(FetchedClass.this.bytes);
							}

							@Override
							public long getContentLengthLong() {
								return FetchedClass.this.bytes.length;
							}

						};
					}

				});
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException("Cannot make a URL for " + resource, ex);
			}
		}

	}

}

