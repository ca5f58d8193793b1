package io.jparallel.engine.classes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One {@link PeerClassLoader} per client session, the least recently used dropped beyond a bound
 * so that an engine serving many short sessions does not keep all their classes.
 */
public final class PeerClassLoaders {

	/** Sessions kept by {@link #PeerClassLoaders(ClassLoader)}. */
	public static final int DEFAULT_MAX_SESSIONS = 64;

	private final ClassLoader parent;

	private final int maxSessions;

	private final Map<String, PeerClassLoader> bySession;

	public PeerClassLoaders(ClassLoader parent) {
		this(parent, DEFAULT_MAX_SESSIONS);
	}

	public PeerClassLoaders(ClassLoader parent, int maxSessions) {
		if (maxSessions < 1) {
			throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
		}
		this.parent = Objects.requireNonNull(parent, "parent class loader must not be null");
		this.maxSessions = maxSessions;
		this.bySession = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, PeerClassLoader> eldest) {
				return size() > PeerClassLoaders.this.maxSessions;
			}

		};
	}

	/**
	 * The class loader of a client session, created with a fetcher from {@code fetcherSupplier} the
	 * first time the session is seen.
	 */
	public synchronized PeerClassLoader forSession(String session, Supplier<? extends ClassFetcher> fetcherSupplier) {
		Objects.requireNonNull(session, "session must not be null");
		Objects.requireNonNull(fetcherSupplier, "fetcherSupplier must not be null");
		PeerClassLoader loader = this.bySession.get(session);
		if (loader == null) {
			loader = new PeerClassLoader(session, this.parent, fetcherSupplier.get());
			this.bySession.put(session, loader);
		}
		return loader;
	}

	/** Forgets a session's class loader (its classes go once nothing refers to them). */
	public synchronized void drop(String session) {
		this.bySession.remove(session);
	}

	/** The parent of every session's class loader. */
	public ClassLoader parent() {
		return this.parent;
	}

	public synchronized int size() {
		return this.bySession.size();
	}

	public synchronized boolean contains(String session) {
		return this.bySession.containsKey(session);
	}

}
