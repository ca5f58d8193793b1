/**
 * A private RabbitMQ node run from the installed rabbitmq-server, and the few process helpers it needs:
 * what {@code jpcluster} starts when no broker is given and what every participant's broker tests share.
 */
package io.jparallel.protocol.broker;
