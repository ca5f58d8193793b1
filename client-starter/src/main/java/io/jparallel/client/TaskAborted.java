package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * A request that was aborted before it ran ({@code view.abort(...)}), or stopped while it ran
 * ({@code lview.cancel(...)}): the engine or the scheduler skipped it.
 */
public class TaskAborted extends RemoteError {

	public TaskAborted(int engineId, String method, String evalue) {
		super(engineId, method, MetadataKeys.TASK_ABORTED, evalue, "");
	}

}
