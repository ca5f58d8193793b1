package io.jparallel.hub.registration;

import io.jparallel.protocol.MetadataKeys;

/** Content keys of the messages the hub receives and sends. */
public final class HubContent {

	/** An engine's id, assigned by the hub. */
	public static final String ID = "id";

	/** An engine's uuid, chosen by the engine. */
	public static final String UUID = "uuid";

	public static final String HOSTNAME = "hostname";

	public static final String PID = "pid";

	/** An engine's properties, a JSON object of strings (see {@code PropertyMaps}). */
	public static final String PROPERTIES = MetadataKeys.PROPERTIES;

	/** Why an engine left: {@code unregistered} or {@code heartbeat timeout}. */
	public static final String REASON = "reason";

	/** The engine list: {@code 0=uuid0,1=uuid1,...} in id order. */
	public static final String ENGINES = "engines";

	public static final String REASON_UNREGISTERED = "unregistered";

	public static final String REASON_HEARTBEAT_TIMEOUT = "heartbeat timeout";

	private HubContent() {
	}

}
