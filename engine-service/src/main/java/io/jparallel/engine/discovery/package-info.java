/**
 * The engine's entry in the Eureka registry, kept by a few REST calls rather than the Netflix client (an
 * engine needs to be listed, never to look anything up).
 */
package io.jparallel.engine.discovery;
