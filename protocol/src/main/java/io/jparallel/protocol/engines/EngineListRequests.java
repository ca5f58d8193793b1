package io.jparallel.protocol.engines;

import java.util.Map;
import java.util.TreeMap;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.json.JsonDocuments;
import io.jparallel.protocol.tasks.PropertyMaps;

/** Asks the hub for its registered engines: {@code engine_list_request}, answered with {@code engines: "0=uuid,1=uuid"}. */
public final class EngineListRequests {

	/** Content key of the engine list in an {@code engine_list_reply}. */
	public static final String ENGINES = "engines";

	private final ClusterConnection cluster;

	private final String session;

	public EngineListRequests(ClusterConnection cluster, String session) {
		this.cluster = cluster;
		this.session = session;
	}

	/** Content key of an {@code engine_list_reply}: engine id to its properties, a JSON object of objects. */
	public static final String ENGINE_PROPERTIES = "engine_properties";

	/** Engine ids to uuids, sorted by id. */
	public Map<Integer, String> fetch() {
		return parse(fetchReply().content(ENGINES));
	}

	/** Every registered engine with its properties, sorted by id. */
	public java.util.List<Listed> fetchAll() {
		Message reply = fetchReply();
		Map<String, Map<String, String>> properties = parseProperties(reply.content(ENGINE_PROPERTIES));
		java.util.List<Listed> listed = new java.util.ArrayList<>();
		parse(reply.content(ENGINES)).forEach((id, uuid) -> listed
			.add(new Listed(id, uuid, properties.getOrDefault(String.valueOf(id), Map.of()))));
		return listed;
	}

	private Message fetchReply() {
		Message request = Message.request(
				Header.create(MessageType.ENGINE_LIST_REQUEST, this.session, System.getProperty("user.name")), Map.of(),
				Map.of(), java.util.List.of());
		byte[] body = this.cluster.sendToHubAndReceive(request);
		if (body == null) {
			throw new IllegalStateException("The hub did not answer the engine list request (is the hub running?)");
		}
		Message reply = this.cluster.inbound().accept(body, "hub");
		if (reply == null || !MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
			throw new IllegalStateException("The hub refused the engine list request");
		}
		return reply;
	}

	/** The {@link #ENGINE_PROPERTIES} value for engine id to properties. */
	public static String formatProperties(Map<Integer, Map<String, String>> properties) {
		Map<String, Map<String, String>> byId = new TreeMap<>();
		properties.forEach((id, map) -> byId.put(String.valueOf(id), new TreeMap<>(map)));
		return JsonDocuments.write(byId);
	}

	private static Map<String, Map<String, String>> parseProperties(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		Map<String, Map<String, String>> byId = new TreeMap<>();
		JsonDocuments.parseObject(json).forEach((id, properties) -> {
			if (!(properties instanceof Map<?, ?> object)) {
				throw new IllegalArgumentException("Engine " + id + "'s properties must be a JSON object, not "
						+ JsonDocuments.describe(properties));
			}
			byId.put(id, PropertyMaps.fromObject(object));
		});
		return byId;
	}

	/**
	 * One registered engine.
	 *
	 * @param id its id
	 * @param uuid its uuid
	 * @param properties the properties it published
	 */
	public record Listed(int id, String uuid, Map<String, String> properties) {
	}

	public static Map<Integer, String> parse(String engines) {
		Map<Integer, String> result = new TreeMap<>();
		if (engines == null || engines.isBlank()) {
			return result;
		}
		for (String entry : engines.split(",")) {
			int eq = entry.indexOf('=');
			result.put(Integer.parseInt(entry.substring(0, eq).trim()), entry.substring(eq + 1).trim());
		}
		return result;
	}

	public static String format(Map<Integer, String> engines) {
		StringBuilder sb = new StringBuilder();
		new TreeMap<>(engines).forEach((id, uuid) -> sb.append(sb.isEmpty() ? "" : ",").append(id).append('=').append(uuid));
		return sb.toString();
	}

}
