/**
 * What a service without a servlet container serves its operators: an admin HTTP port with the actuator's
 * read-only paths, and the JVM and process meters it publishes.
 */
package io.jparallel.protocol.admin;
