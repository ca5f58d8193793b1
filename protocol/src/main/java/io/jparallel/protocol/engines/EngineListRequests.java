package io.jparallel.protocol.engines;

import java.util.Map;
import java.util.TreeMap;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;

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

	/** Engine ids to uuids, sorted by id. */
	public Map<Integer, String> fetch() {
		Message request = Message.request(
				Header.create(MessageType.ENGINE_LIST_REQUEST, this.session, System.getProperty("user.name")), Map.of(),
				Map.of(), java.util.List.of());
		byte[] body = this.cluster.sender().sendAndReceive("", this.cluster.topology().hubQueue(), request);
		if (body == null) {
			throw new IllegalStateException("The hub did not answer the engine list request (is the hub running?)");
		}
		Message reply = this.cluster.inbound().accept(body, "hub");
		if (reply == null || !MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
			throw new IllegalStateException("The hub refused the engine list request");
		}
		return parse(reply.content(ENGINES));
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
