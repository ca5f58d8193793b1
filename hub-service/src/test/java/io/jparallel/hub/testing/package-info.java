/** Test infrastructure: a private RabbitMQ node and a controllable clock. */
package io.jparallel.hub.testing;
