/** Learning which engines a cluster has: the hub's engine list and its join/leave notifications. */
package io.jparallel.protocol.engines;
