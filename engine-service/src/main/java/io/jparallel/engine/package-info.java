/** An engine: a JShell kernel that runs code and shipped lambdas sent over RabbitMQ. */
package io.jparallel.engine;
