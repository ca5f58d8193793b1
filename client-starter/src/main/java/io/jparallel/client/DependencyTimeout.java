package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * A task whose {@code timeout} passed while it waited for its dependencies; it never ran.
 */
public class DependencyTimeout extends RemoteError {

	public DependencyTimeout(int engineId, String method, String evalue) {
		super(engineId, method, MetadataKeys.DEPENDENCY_TIMEOUT, evalue, "");
	}

}
