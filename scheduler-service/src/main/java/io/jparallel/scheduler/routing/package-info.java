/** Placing requests: MUX for direct requests, the shared task queue for load-balanced ones. */
package io.jparallel.scheduler.routing;
