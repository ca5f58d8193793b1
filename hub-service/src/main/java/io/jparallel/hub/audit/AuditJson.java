package io.jparallel.hub.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.time.IsoInstants;

/** The JSON text records keep headers, metadata and content in, with ipyparallel's header keys. */
final class AuditJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditJson() {
	}

	static String header(Header header) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("msg_id", header.msgId());
		fields.put("msg_type", header.msgType());
		fields.put("session", header.session());
		fields.put("username", header.username());
		fields.put("date", IsoInstants.format(header.date()));
		fields.put("version", header.version());
		return JSON.writeValueAsString(fields);
	}

	/** A map of strings, keys sorted. */
	static String map(Map<String, String> values) {
		return JSON.writeValueAsString(new TreeMap<>(values));
	}

}
