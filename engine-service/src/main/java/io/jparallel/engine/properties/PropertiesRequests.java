package io.jparallel.engine.properties;

import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Answers {@code properties_request} (a control request): content {@code set}, a JSON object of strings,
 * changes the engine's properties (a {@code null} value removes the key); without it the request only
 * reads them. The reply's {@code properties} is the whole map as JSON. A change is announced to the hub
 * before the reply goes out, so that the schedulers can know it by the time the client acts on the reply.
 * A {@code set} that is not a JSON object of strings changes nothing and is answered with an error.
 */
@Component
public class PropertiesRequests {

	private static final Log logger = LogFactory.getLog(PropertiesRequests.class);

	private final PublishedProperties properties;

	private final Consumer<Map<String, String>> announce;

	@Autowired
	public PropertiesRequests(PublishedProperties properties, PropertiesAnnouncer announcer) {
		this(properties, announcer::announce);
	}

	/**
	 * @param properties the engine's properties
	 * @param announce what to do with the whole map after a change
	 */
	public PropertiesRequests(PublishedProperties properties, Consumer<Map<String, String>> announce) {
		this.properties = properties;
		this.announce = announce;
	}

	/**
	 * The content of the reply to a {@code properties_request}.
	 * @throws IllegalArgumentException if {@code set} is not a JSON object of strings
	 */
	public Map<String, String> answer(Message request) {
		String set = request.content(MetadataKeys.SET);
		if (set != null) {
			Map<String, String> changes = changes(set);
			if (this.properties.change(changes)) {
				Map<String, String> now = this.properties.snapshot();
				logger.info("Engine properties changed by session " + request.header().session() + ": " + now);
				this.announce.accept(now);
			}
		}
		return Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, MetadataKeys.PROPERTIES,
				PropertyMaps.toJson(this.properties.snapshot()));
	}

	/** The keys to set: a JSON object whose values are strings or {@code null}, nothing else. */
	static Map<String, String> changes(String set) {
		return PropertyMaps.changes(set);
	}

}
