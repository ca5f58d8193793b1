package io.jparallel.engine.classes;

import java.io.IOException;

/** Asks a client for the bytes of one of its classes. */
@FunctionalInterface
public interface ClassFetcher {

	/**
	 * @param className the binary name, e.g. {@code demo.Outer$Inner}
	 * @return the class file's bytes, or {@code null} if the client does not have the class
	 * @throws IOException if the client could not be asked
	 */
	byte[] fetch(String className) throws IOException;

}
