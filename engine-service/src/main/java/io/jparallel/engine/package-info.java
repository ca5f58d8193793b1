/**
 * An engine: a JShell kernel that runs code and shipped lambdas sent over RabbitMQ, with a control
 * queue (abort, shutdown) served apart from its work.
 */
package io.jparallel.engine;
