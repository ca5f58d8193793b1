/** The message broker of a local cluster: a private RabbitMQ node run from the installed rabbitmq-server. */
package io.jparallel.launcher.broker;
