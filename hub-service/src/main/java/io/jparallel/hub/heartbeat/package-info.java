/** The heart monitor: tracks engines' heartbeats and declares silent engines dead. */
package io.jparallel.hub.heartbeat;
