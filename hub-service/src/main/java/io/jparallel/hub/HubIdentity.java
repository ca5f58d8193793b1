package io.jparallel.hub;

import java.util.Objects;
import java.util.UUID;

/**
 * How the hub signs the headers of the messages it sends.
 *
 * @param session the hub's session, fresh on every start
 * @param username the user the hub's messages are sent as
 */
public record HubIdentity(String session, String username) {

	public HubIdentity {
		Objects.requireNonNull(session, "session is required");
		Objects.requireNonNull(username, "username is required");
	}

	public static HubIdentity create() {
		return new HubIdentity("hub-" + UUID.randomUUID(), "hub");
	}

}
