package io.jparallel.hub.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.wire.InvalidMessageException;

/**
 * Publishes stored requests again under new ids ({@code resubmit_request}): each is the stored request
 * with a new header (the new id, the requesting session and user, dated now), its metadata marked
 * {@code resubmitted}=old id (and, if the requester serves classes, its class queue), the same content and
 * buffers; signed and published to the requests exchange with the session as routing key, in chunks if large.
 */
@Component
public class Resubmitter {

	private static final Log logger = LogFactory.getLog(Resubmitter.class);

	private final StoredResults results;

	private final ClusterConnection cluster;

	public Resubmitter(StoredResults results, ClusterConnection cluster) {
		this.results = results;
		this.cluster = cluster;
	}

	/**
	 * What was published.
	 *
	 * @param resubmitted old id to new id, of the requests published again
	 * @param unknown old ids with no stored request
	 */
	public record Resubmission(Map<String, String> resubmitted, List<String> unknown) {
	}

	/**
	 * Publishes each old request again under its new id.
	 * @param oldToNew old id to new id, in order
	 * @param session the session replies go to; {@code null}: each request's own
	 * @param username the user; {@code null}: each request's own
	 * @param classQueue the queue engines fetch classes from; {@code null}: each request's own
	 */
	public Resubmission resubmit(Map<String, String> oldToNew, String session, String username, String classQueue) {
		Map<String, byte[]> stored = this.results.requestBytes(List.copyOf(oldToNew.keySet()));
		Map<String, String> resubmitted = new java.util.LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		oldToNew.forEach((oldId, newId) -> {
			Message original = decode(oldId, stored.get(oldId));
			if (original == null) {
				unknown.add(oldId);
				return;
			}
			Message again = again(original, oldId, newId, session, username, classQueue);
			this.cluster.sender().send(this.cluster.topology().requestsExchange(), again.header().session(), again);
			resubmitted.put(oldId, newId);
		});
		if (!resubmitted.isEmpty()) {
			logger.info("Resubmitted " + resubmitted.size() + " request(s) for session "
					+ ((session != null) ? session : "of each request") + ": " + resubmitted);
		}
		return new Resubmission(resubmitted, unknown);
	}

	private Message decode(String oldId, byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return this.cluster.codec().decode(bytes);
		}
		catch (InvalidMessageException ex) {
			logger.warn("The stored request " + oldId + " cannot be resubmitted: " + ex.getMessage());
			return null;
		}
	}

	static Message again(Message original, String oldId, String newId, String session, String username,
			String classQueue) {
		Header old = original.header();
		Header header = new Header(newId, old.msgType(), (session != null) ? session : old.session(),
				(username != null) ? username : old.username(), Instant.now(), old.version());
		Map<String, String> metadata = new HashMap<>(original.metadata());
		metadata.put(MetadataKeys.RESUBMITTED, oldId);
		if (classQueue != null && !classQueue.isBlank()) {
			metadata.put(MetadataKeys.CLASS_QUEUE, classQueue);
		}
		return new Message(header, null, metadata, original.content(), original.buffers());
	}

}
