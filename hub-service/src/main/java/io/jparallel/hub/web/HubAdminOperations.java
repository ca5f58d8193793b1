package io.jparallel.hub.web;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.stereotype.Component;

import io.jparallel.hub.admin.ClusterAdmin;
import io.jparallel.hub.admin.EngineSelection;

/**
 * The write operations of {@code /actuator/jparallel}, for the admin user only (HTTP basic, see
 * {@code AdminSecurity}; anyone else gets 401 and nothing is done). {@code POST} with a JSON object of
 * strings ({@code Content-Type: application/json}; the actuator reads the body as a map of strings, so
 * lists are comma-separated strings, not JSON arrays):
 * <ul>
 * <li>{@code /actuator/jparallel/abort} {@code {"msgIds": "id1,id2", "cancel": "false"}}: abort requests
 * not yet run (with {@code cancel}, also stop those running); direct ones through each engine's control
 * queue, load-balanced ones through the scheduler;</li>
 * <li>{@code /actuator/jparallel/clear} {@code {"engines": "0,1"}} or {@code {"engines": "all"}}: a fresh
 * namespace on each engine, in order with its queued work;</li>
 * <li>{@code /actuator/jparallel/shutdown} {@code {"engines": "0,1"}} or {@code {"engines": "all"}}: stop
 * the engines (ahead of their queued work).</li>
 * </ul>
 * The answer lists the requests sent (their ids; the audit records the engines' replies, see
 * {@code GET /tasks/{msgId}}) and what was not sent, and why. A body naming nothing, or another action: 400.
 */
@Component
@EndpointWebExtension(endpoint = HubEndpoint.class)
public class HubAdminOperations {

	private final ClusterAdmin admin;

	public HubAdminOperations(ClusterAdmin admin) {
		this.admin = admin;
	}

	@WriteOperation
	public Object act(@Selector String action, @Nullable String msgIds, @Nullable String engines,
			@Nullable Boolean cancel, SecurityContext security) {
		String who = (security.getPrincipal() != null) ? security.getPrincipal().getName() : "anonymous";
		try {
			return switch (action) {
				case "abort" -> this.admin.abort(ids(msgIds), Boolean.TRUE.equals(cancel), who);
				case "clear" -> this.admin.clear(EngineSelection.parse(engines), who);
				case "shutdown" -> this.admin.shutdown(EngineSelection.parse(engines), who);
				default -> throw new IllegalArgumentException(
						"Unknown action '" + action + "': POST /actuator/jparallel/abort, /clear or /shutdown");
			};
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
	}

	private static List<String> ids(@Nullable String msgIds) {
		if (msgIds == null) {
			return List.of();
		}
		return Arrays.stream(msgIds.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
	}

}
