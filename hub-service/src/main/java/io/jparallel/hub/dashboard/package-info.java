/**
 * The hub's dashboard: a static page ({@code /dashboard}) fed by server-sent events
 * ({@code /dashboard/events}, a snapshot a second) with the engines, tasks per second, latency and recent
 * failures, from what the hub already knows (registry, heart monitor, the audit's task metrics).
 */
package io.jparallel.hub.dashboard;
