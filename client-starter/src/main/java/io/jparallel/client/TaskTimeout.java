package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * A task whose {@code timeout} passed while it waited for an engine; it never ran.
 */
public class TaskTimeout extends RemoteError {

	public TaskTimeout(int engineId, String method, String evalue) {
		super(engineId, method, MetadataKeys.TASK_TIMEOUT, evalue, "");
	}

}
