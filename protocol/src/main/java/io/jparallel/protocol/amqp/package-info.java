/** Sending and receiving signed messages over RabbitMQ with Spring AMQP. */
package io.jparallel.protocol.amqp;
