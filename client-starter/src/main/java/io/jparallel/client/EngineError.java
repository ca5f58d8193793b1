package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * A request whose engine left the cluster (shut down, or found dead) before answering it; it never
 * answers, so the request ends with this error instead of waiting forever.
 */
public class EngineError extends RemoteError {

	public EngineError(int engineId, String method, String evalue) {
		super(engineId, method, MetadataKeys.ENGINE_ERROR, evalue, "");
	}

}
