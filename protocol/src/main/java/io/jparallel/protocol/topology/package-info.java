/** The one place that names every exchange, queue and routing key. */
package io.jparallel.protocol.topology;
