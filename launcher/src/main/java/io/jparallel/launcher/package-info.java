/**
 * {@code jpcluster}: starts, stops and inspects a local JParallel cluster (broker, registry, hub, scheduler
 * and engines as separate processes). Plain Java, no Spring, so the command answers quickly.
 */
package io.jparallel.launcher;
