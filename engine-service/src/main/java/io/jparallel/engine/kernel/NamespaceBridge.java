package io.jparallel.engine.kernel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands objects from the engine to JShell snippets by reference. Snippets run in a class loader
 * whose parent is the engine's, so they see this very class (and its static map) and can pull a
 * value in without copying: {@code Integer a = (Integer) NamespaceBridge.take("v12");}.
 * <p>
 * Public and in a named package because JShell snippets can only refer to such host classes.
 */
public final class NamespaceBridge {

	private static final Object NULL = new Object();

	private static final ConcurrentMap<String, Object> SLOTS = new ConcurrentHashMap<>();

	private static final AtomicLong NEXT_KEY = new AtomicLong();

	private NamespaceBridge() {
	}

	/** Parks a value and returns the one-time key a snippet takes it with. */
	public static String put(Object value) {
		String key = "v" + NEXT_KEY.incrementAndGet();
		SLOTS.put(key, (value != null) ? value : NULL);
		return key;
	}

	/** Removes and returns the value parked under {@code key}. */
	public static Object take(String key) {
		Object value = SLOTS.remove(key);
		if (value == null) {
			throw new IllegalStateException("No value parked under key '" + key + "'");
		}
		return (value != NULL) ? value : null;
	}

	/**
	 * Throws the throwable parked under {@code key} as it is, with its own stack trace: the kernel
	 * reports what a snippet it ran directly threw through JShell, as if JShell had run the snippet.
	 */
	public static void rethrow(String key) {
		NamespaceBridge.<RuntimeException>sneakyThrow((Throwable) take(key));
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> void sneakyThrow(Throwable throwable) throws T {
		throw (T) throwable;
	}

	/** Drops a parked value, if still there (used when a snippet did not run). */
	static void discard(String key) {
		SLOTS.remove(key);
	}

	static int size() {
		return SLOTS.size();
	}

}
