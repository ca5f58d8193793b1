package io.jparallel.hub.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request the hub sent for an admin. Its reply goes to the admin session, which no client listens
 * to; the audit records it, so {@code GET /tasks/{msgId}} shows how it went.
 *
 * @param msgId the request's id
 * @param msgType {@code abort_request}, {@code clear_request} or {@code shutdown_request}
 * @param route {@code control} (the engine's control queue), {@code mux} (its queue of direct work) or
 * {@code scheduler}
 * @param engineId the engine it went to; {@code null} for the scheduler
 * @param msgIds the requests an abort names; empty for other requests
 */
public record SentRequest(String msgId, String msgType, String route, @Nullable Integer engineId, List<String> msgIds) {

	public SentRequest {
		msgIds = List.copyOf(msgIds);
	}

}
