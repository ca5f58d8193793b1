/**
 * The engine's properties (what tasks' requirements are checked against): configured and built-in
 * ones, published to the hub, read and changed with {@code properties_request}.
 */
package io.jparallel.engine.properties;
