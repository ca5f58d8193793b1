/** How an engine joins its cluster: an id from the hub, Eureka metadata, heartbeats. */
package io.jparallel.engine.registration;
