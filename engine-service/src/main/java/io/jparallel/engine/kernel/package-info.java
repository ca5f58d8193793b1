/** A persistent JShell namespace per engine: execute code, push and pull variables, capture output. */
package io.jparallel.engine.kernel;
