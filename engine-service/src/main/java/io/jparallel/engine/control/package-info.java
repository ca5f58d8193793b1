/**
 * The engine's control queue: abort (and cancel), properties and shutdown requests, served on a
 * consumer of their own so that they never wait behind the engine's work.
 */
package io.jparallel.engine.control;
