/** The engine's actuator endpoint. */
package io.jparallel.engine.admin;
