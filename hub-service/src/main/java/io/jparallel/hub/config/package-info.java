/** The hub's properties, its cluster connection and the queues it declares. */
package io.jparallel.hub.config;
