/**
 * A persistent JShell namespace per engine: execute code, push and pull variables (collections and maps
 * declared with their element types), add jars to its class path, capture output.
 */
package io.jparallel.engine.kernel;
