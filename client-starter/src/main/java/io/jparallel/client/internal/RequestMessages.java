package io.jparallel.client.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

/**
 * Builds a client's request messages: the task flags' metadata, then the routing metadata the
 * scheduler reads ({@code route}, {@code target} or {@code targets}, the class queue), which flags
 * cannot override.
 */
public final class RequestMessages {

	private final String session;

	private final String username;

	private final String classQueue;

	public RequestMessages(String session, String username, String classQueue) {
		this.session = session;
		this.username = username;
		this.classQueue = classQueue;
	}

	/** A fresh header for a request of this client. */
	public Header header(String msgType) {
		return Header.create(msgType, this.session, this.username);
	}

	/** The request; see {@link Dispatcher#send}. */
	public Message build(Header header, String route, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers, Map<String, String> flags) {
		Map<String, String> metadata = new HashMap<>(flags.size() + 4);
		metadata.putAll(flags);
		metadata.put(MetadataKeys.CLASS_QUEUE, this.classQueue);
		metadata.put(MetadataKeys.ROUTE, route);
		switch (route) {
			case MetadataKeys.ROUTE_BROADCAST -> metadata.put(MetadataKeys.TARGETS,
					targets.stream().map(String::valueOf).collect(Collectors.joining(",")));
			case MetadataKeys.ROUTE_MUX, MetadataKeys.ROUTE_CONTROL -> metadata.put(MetadataKeys.TARGET,
					String.valueOf(targets.get(0)));
			default -> {
				// task: the scheduler places it (within the flags' targets); scheduler: answered there
			}
		}
		return new Message(header, null, metadata, content, buffers);
	}

}
