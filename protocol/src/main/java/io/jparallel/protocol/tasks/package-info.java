/**
 * The task interface's shared vocabulary: dependencies on earlier tasks, predicates on engine
 * properties, and properties as JSON, read the same way by client, scheduler and engines.
 */
package io.jparallel.protocol.tasks;
