/** Eureka server for a JParallel cluster. */
package io.jparallel.registry;
