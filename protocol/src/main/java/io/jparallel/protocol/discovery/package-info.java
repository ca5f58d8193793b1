/**
 * A service's entry in the Eureka registry, kept by a few REST calls rather than the Netflix client: engines
 * and schedulers need to be listed, never to look anything up.
 */
package io.jparallel.protocol.discovery;
