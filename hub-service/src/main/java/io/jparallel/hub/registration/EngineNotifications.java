package io.jparallel.hub.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.hub.HubIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Announces engines joining and leaving, and their properties changing, on the notifications fanout, for
 * schedulers and clients.
 */
@Component
public class EngineNotifications {

	private final ClusterConnection cluster;

	private final HubIdentity identity;

	public EngineNotifications(ClusterConnection cluster, HubIdentity identity) {
		this.cluster = cluster;
		this.identity = identity;
	}

	/**
	 * Sends {@code registration_notification} with {@code id}, {@code uuid}, {@code hostname} and
	 * {@code properties}.
	 */
	public void registered(Engine engine) {
		Map<String, String> content = engineContent(engine);
		if (engine.hostname() != null) {
			content.put(HubContent.HOSTNAME, engine.hostname());
		}
		content.put(HubContent.PROPERTIES, PropertyMaps.toJson(engine.properties()));
		publish(MessageType.REGISTRATION_NOTIFICATION, content);
	}

	/** Sends {@code properties_notification} with {@code id}, {@code uuid} and {@code properties}. */
	public void propertiesChanged(Engine engine) {
		Map<String, String> content = engineContent(engine);
		content.put(HubContent.PROPERTIES, PropertyMaps.toJson(engine.properties()));
		publish(MessageType.PROPERTIES_NOTIFICATION, content);
	}

	/** Sends {@code unregistration_notification} with {@code id}, {@code uuid} and {@code reason}. */
	public void unregistered(Engine engine, String reason) {
		Map<String, String> content = engineContent(engine);
		content.put(HubContent.REASON, reason);
		publish(MessageType.UNREGISTRATION_NOTIFICATION, content);
	}

	/** Sends {@code shutdown_request}: the controller is going away (schedulers exit on it). */
	public void shuttingDown(String reason) {
		Map<String, String> content = new LinkedHashMap<>();
		content.put(HubContent.REASON, reason);
		publish(MessageType.SHUTDOWN_REQUEST, content);
	}

	private static Map<String, String> engineContent(Engine engine) {
		Map<String, String> content = new LinkedHashMap<>();
		content.put(HubContent.ID, Integer.toString(engine.id()));
		content.put(HubContent.UUID, engine.uuid());
		return content;
	}

	private void publish(String msgType, Map<String, String> content) {
		Header header = Header.create(msgType, this.identity.session(), this.identity.username());
		this.cluster.sender()
			.send(this.cluster.topology().notificationsExchange(), "", Message.request(header, Map.of(), content, List.of()));
	}

}
