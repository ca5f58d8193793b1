/** Peer class loading: classes an engine lacks are fetched from the client that sent the work, on demand. */
package io.jparallel.engine.classes;
