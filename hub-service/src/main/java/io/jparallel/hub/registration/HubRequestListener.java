package io.jparallel.hub.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;

import io.jparallel.hub.HubIdentity;
import io.jparallel.hub.query.HubQueryExecutor;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.engines.EngineListRequests;
import io.jparallel.protocol.tasks.PropertyMaps;

/**
 * Serves the hub queue: {@code registration_request}, {@code engine_list_request},
 * {@code unregistration_notification} from engines leaving, {@code properties_notification} from engines
 * whose properties changed, and a client's {@code shutdown_request} for the controller. Notifications
 * are one way, not answered; replies go to the request's AMQP
 * {@code reply-to} (direct reply-to) with its correlation id. One consumer serves the queue, so requests
 * are handled one at a time, in order. The hub queries over the audit ({@code get_result_request} ...
 * {@code hub_history_request}) are handed to {@link HubQueryExecutor}, which answers them on its own
 * threads so that no query holds up registrations.
 */
public final class HubRequestListener implements MessageListener {

	private static final Log logger = LogFactory.getLog(HubRequestListener.class);

	private final ClusterConnection cluster;

	private final RegistrationService registration;

	private final EngineRegistry registry;

	private final HubIdentity identity;

	private final ControllerShutdown shutdown;

	private final HubQueryExecutor queries;

	public HubRequestListener(ClusterConnection cluster, RegistrationService registration, EngineRegistry registry,
			HubIdentity identity, ControllerShutdown shutdown, HubQueryExecutor queries) {
		this.cluster = cluster;
		this.registration = registration;
		this.registry = registry;
		this.identity = identity;
		this.shutdown = shutdown;
		this.queries = queries;
	}

	@Override
	public void onMessage(org.springframework.amqp.core.Message amqp) {
		Message request = this.cluster.inbound().accept(amqp.getBody(), this.cluster.topology().hubQueue());
		if (request == null) {
			return;
		}
		try {
			switch (request.msgType()) {
				case MessageType.REGISTRATION_REQUEST -> register(amqp, request);
				case MessageType.ENGINE_LIST_REQUEST -> reply(amqp, request, engineList());
				case MessageType.UNREGISTRATION_NOTIFICATION -> unregister(request);
				case MessageType.PROPERTIES_NOTIFICATION -> propertiesChanged(request);
				case MessageType.SHUTDOWN_REQUEST -> {
					reply(amqp, request, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK));
					this.shutdown.begin(request.header().session());
				}
				case MessageType.GET_RESULT_REQUEST, MessageType.RESULT_STATUS_REQUEST, MessageType.DB_QUERY_REQUEST,
						MessageType.RESUBMIT_REQUEST, MessageType.PURGE_RESULTS_REQUEST,
						MessageType.HUB_HISTORY_REQUEST ->
					this.queries.submit(request, answer -> reply(amqp, request, answer.content(), answer.buffers()));
				default -> unsupported(amqp, request);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Cannot serve " + request.msgType() + " " + request.header().msgId() + " from session "
					+ request.header().session() + ": " + ex.getMessage(), ex);
			if (request.msgType().endsWith("_request")) {
				reply(amqp, request, Replies.errorContent(ex));
			}
		}
	}

	private void register(org.springframework.amqp.core.Message amqp, Message request) {
		String uuid = request.content(HubContent.UUID);
		if (uuid == null || uuid.isBlank()) {
			reply(amqp, request, Replies.errorContent(IllegalArgumentException.class.getName(),
					"A registration_request needs the engine's uuid in its content", null));
			return;
		}
		Engine engine = this.registration.register(uuid, request.content(HubContent.HOSTNAME),
				parsePid(request.content(HubContent.PID)), registeredProperties(request, uuid));
		reply(amqp, request, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, HubContent.ID,
				Integer.toString(engine.id())));
		this.registration.announce(engine);
	}

	/** The properties an engine registers with; unreadable ones are logged and left out, not refused. */
	private static Map<String, String> registeredProperties(Message request, String uuid) {
		try {
			return withoutNulls(PropertyMaps.fromJson(request.content(HubContent.PROPERTIES)));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Engine " + uuid + " registered with unreadable properties (" + ex.getMessage()
					+ "); it is registered without properties");
			return Map.of();
		}
	}

	private Map<String, String> engineList() {
		List<Engine> engines = this.registry.registered();
		String list = engines.stream().map(engine -> engine.id() + "=" + engine.uuid()).collect(Collectors.joining(","));
		Map<Integer, Map<String, String>> properties = new LinkedHashMap<>();
		engines.forEach(engine -> properties.put(engine.id(), engine.properties()));
		return Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, HubContent.ENGINES, list,
				EngineListRequests.ENGINE_PROPERTIES, EngineListRequests.formatProperties(properties));
	}

	private void propertiesChanged(Message notification) {
		String uuid = notification.content(HubContent.UUID);
		if (uuid == null) {
			uuid = notification.header().session();
		}
		Map<String, String> properties;
		try {
			properties = withoutNulls(PropertyMaps.fromJson(notification.content(HubContent.PROPERTIES)));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Properties of engine " + uuid + " ignored: " + ex.getMessage());
			return;
		}
		if (this.registration.propertiesChanged(uuid, properties).isEmpty()) {
			logger.info("Properties of engine " + uuid + " ignored: it is not registered");
		}
	}

	private static Map<String, String> withoutNulls(Map<String, String> properties) {
		Map<String, String> present = new LinkedHashMap<>(properties);
		present.values().removeIf(Objects::isNull);
		return present;
	}

	private void unregister(Message notification) {
		String uuid = notification.content(HubContent.UUID);
		if (uuid == null) {
			uuid = notification.header().session();
		}
		String reason = notification.content(HubContent.REASON);
		if (this.registration
			.leave(uuid, EngineState.UNREGISTERED, null, (reason != null) ? reason : HubContent.REASON_UNREGISTERED)
			.isEmpty()) {
			logger.info("Unregistration of engine " + uuid + " ignored: it is not registered");
		}
	}

	private void unsupported(org.springframework.amqp.core.Message amqp, Message request) {
		logger.warn("The hub queue got a " + request.msgType() + " from session " + request.header().session()
				+ "; it serves only " + MessageType.REGISTRATION_REQUEST + ", " + MessageType.ENGINE_LIST_REQUEST + ", "
				+ MessageType.SHUTDOWN_REQUEST + ", the hub queries and engines' notifications");
		if (request.msgType().endsWith("_request")) {
			reply(amqp, request, Replies.errorContent(UnsupportedOperationException.class.getName(),
					"The hub does not serve " + request.msgType(), null));
		}
	}

	private void reply(org.springframework.amqp.core.Message amqp, Message request, Map<String, String> content) {
		reply(amqp, request, content, List.of());
	}

	private void reply(org.springframework.amqp.core.Message amqp, Message request, Map<String, String> content,
			List<byte[]> buffers) {
		MessageProperties requestProperties = amqp.getMessageProperties();
		String replyTo = requestProperties.getReplyTo();
		if (replyTo == null || replyTo.isEmpty()) {
			logger.warn(request.msgType() + " " + request.header().msgId() + " from session " + request.header().session()
					+ " has no reply-to; not answered");
			return;
		}
		Message reply = Replies.reply(request, this.identity.session(), this.identity.username(), Map.of(), content,
				buffers);
		org.springframework.amqp.core.Message message = this.cluster.sender().toAmqp(reply);
		message.getMessageProperties().setCorrelationId(requestProperties.getCorrelationId());
		this.cluster.template().send("", replyTo, message);
	}

	private static Long parsePid(String pid) {
		if (pid == null || pid.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(pid.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
