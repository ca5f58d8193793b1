/** The engine's admin HTTP port: health probes, {@code /actuator/jparallel} and Prometheus. */
package io.jparallel.engine.admin;
