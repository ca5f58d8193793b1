package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * A task whose dependencies can never be met (a dependency failed where success was required, ran on no engine it may use, ...), or that no engine it may use can run: the scheduler failed it without running it.
 */
public class ImpossibleDependency extends RemoteError {

	public ImpossibleDependency(int engineId, String method, String evalue) {
		super(engineId, method, MetadataKeys.IMPOSSIBLE_DEPENDENCY, evalue, "");
	}

}
