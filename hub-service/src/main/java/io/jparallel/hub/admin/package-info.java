/** Operators' access to the hub: who may call its write operations, and its metrics. */
package io.jparallel.hub.admin;
