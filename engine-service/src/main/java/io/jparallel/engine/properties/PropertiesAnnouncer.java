package io.jparallel.engine.properties;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Tells the hub this engine's properties changed: {@code properties_notification} on the hub queue,
 * one way (content {@code id}, {@code uuid}, {@code properties}); the hub records them and tells the
 * schedulers and clients.
 */
@Component
public class PropertiesAnnouncer {

	private static final Log logger = LogFactory.getLog(PropertiesAnnouncer.class);

	/** Content keys of the notification, as the hub names them. */
	static final String ID = "id";

	static final String UUID = "uuid";

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	public PropertiesAnnouncer(ClusterConnection cluster, EngineIdentity identity) {
		this.cluster = cluster;
		this.identity = identity;
	}

	/** Sends the whole map to the hub; a failure is logged, not thrown (the change stands). */
	public void announce(Map<String, String> properties) {
		Message notification = Message.request(
				Header.create(MessageType.PROPERTIES_NOTIFICATION, this.identity.uuid(), System.getProperty("user.name")),
				Map.of(), Map.of(ID, String.valueOf(this.identity.id()), UUID, this.identity.uuid(),
						MetadataKeys.PROPERTIES, PropertyMaps.toJson(properties)),
				List.of());
		try {
			this.cluster.sender().send("", this.cluster.topology().hubQueue(), notification);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell the hub that the properties of engine " + this.identity.id() + " changed: "
					+ ex.getMessage());
		}
	}

}
