/**
 * Placing requests: MUX for direct and broadcast requests, the shared task queue for load-balanced ones,
 * the engine's control queue for control requests.
 */
package io.jparallel.scheduler.routing;
