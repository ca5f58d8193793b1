package io.jparallel.protocol.json;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson data-binding mapper of a process, for what needs more than {@link JsonDocuments} (admin
 * responses, queue status, hub queries), built on first use rather than when a class using it loads: building
 * it costs about 0.12 CPU-seconds in a fresh JVM, which would otherwise land on a service's start.
 */
public final class DataBinding {

	private DataBinding() {
	}

	/** The mapper, built by the first call. */
	public static JsonMapper mapper() {
		return Holder.MAPPER;
	}

	private static final class Holder {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

}
