/** The admin interface: REST views of engines and tasks, and the {@code jparallel} actuator endpoint. */
package io.jparallel.hub.web;
