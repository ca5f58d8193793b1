/**
 * Taking requests from the engine's work queues, running them one at a time (apply and execute on a
 * runner thread that a cancel can stop), and replying; the ledger of what ran and what was aborted, and
 * the jars clients added.
 */
package io.jparallel.engine.requests;
