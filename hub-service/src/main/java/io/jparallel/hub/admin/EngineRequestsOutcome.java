package io.jparallel.hub.admin;

import java.util.List;

/**
 * What an admin's clear or shutdown did.
 *
 * @param sent one request per registered engine named
 * @param notRegistered ids named that are not registered engines: nothing sent
 */
public record EngineRequestsOutcome(List<SentRequest> sent, List<Integer> notRegistered) {

	public EngineRequestsOutcome {
		sent = List.copyOf(sent);
		notRegistered = List.copyOf(notRegistered);
	}

}
