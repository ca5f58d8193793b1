package io.jparallel.engine.requests;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

/**
 * Decoded functions by their bytes, per class loader. A map sends the same function with every
 * chunk and a loop of applies sends it with every call; deserializing a lambda costs more than
 * running a small one. Only stateless functions (no captured values, so no fields) are kept, so a
 * cached function can never carry state from one call to the next.
 */
final class FunctionCache {

	private static final int MAX_ENTRIES = 256;

	private final Map<Key, Object> functions = new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
			return size() > MAX_ENTRIES;
		}
	};

	synchronized Object decode(byte[] bytes, ClassLoader loader) throws ValueDecodingException {
		Key key = new Key(loader, bytes, Arrays.hashCode(bytes));
		Object function = this.functions.get(key);
		if (function == null) {
			function = ValueCodec.decode(bytes, loader);
			if (function != null && function.getClass().getDeclaredFields().length == 0) {
				this.functions.put(key, function);
			}
		}
		return function;
	}

	/** Forgets every function (on clear: their class loaders may be dropped). */
	synchronized void clear() {
		this.functions.clear();
	}

	private record Key(ClassLoader loader, byte[] bytes, int hash) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.loader == this.loader && key.hash == this.hash
					&& Arrays.equals(key.bytes, this.bytes);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
