/**
 * Where classes of client code come from: jars a client added to the engine ({@link
 * io.jparallel.engine.classes.LibraryClassLoader}), and peer class loading, which fetches the classes an
 * engine lacks from the client that sent the work, on demand.
 */
package io.jparallel.engine.classes;
