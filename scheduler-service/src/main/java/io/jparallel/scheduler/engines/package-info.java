/** What the scheduler knows of engines: ids and uuids, from the hub and its notifications. */
package io.jparallel.scheduler.engines;
