package io.jparallel.protocol;

/** Names of every message type. */
public final class MessageType {

	public static final String EXECUTE_REQUEST = "execute_request";
	public static final String EXECUTE_REPLY = "execute_reply";
	public static final String APPLY_REQUEST = "apply_request";
	public static final String APPLY_REPLY = "apply_reply";
	public static final String PUSH_REQUEST = "push_request";
	public static final String PUSH_REPLY = "push_reply";
	public static final String PULL_REQUEST = "pull_request";
	public static final String PULL_REPLY = "pull_reply";

	/** Engine asks the hub for an id. */
	public static final String REGISTRATION_REQUEST = "registration_request";
	public static final String REGISTRATION_REPLY = "registration_reply";
	/** Hub tells schedulers and clients an engine joined. */
	public static final String REGISTRATION_NOTIFICATION = "registration_notification";
	/** Hub tells schedulers and clients an engine left or died. */
	public static final String UNREGISTRATION_NOTIFICATION = "unregistration_notification";
	/**
	 * Hub asks an engine it does not know (or declared dead) but still hears heartbeats from to register
	 * again; sent on the engine's control queue.
	 */
	public static final String REGISTER_AGAIN_REQUEST = "register_again_request";
	public static final String REGISTER_AGAIN_REPLY = "register_again_reply";
	/** Ask the hub for the engines it knows. */
	public static final String ENGINE_LIST_REQUEST = "engine_list_request";
	public static final String ENGINE_LIST_REPLY = "engine_list_reply";

	/** Engine asks a client for the bytes of a class it lacks. */
	public static final String CLASS_REQUEST = "class_request";
	public static final String CLASS_REPLY = "class_reply";

	public static final String HEARTBEAT = "heartbeat";

	/** Control (route {@code control}, ahead of queued work): the engine stops cleanly and unregisters. */
	public static final String SHUTDOWN_REQUEST = "shutdown_request";
	public static final String SHUTDOWN_REPLY = "shutdown_reply";
	/**
	 * Control: requests named in content {@code msg_ids} (comma-separated) are answered with a
	 * {@code TaskAborted} error instead of running, when the engine reaches them.
	 */
	public static final String ABORT_REQUEST = "abort_request";
	public static final String ABORT_REPLY = "abort_reply";
	/** In order with other work: a fresh namespace, and the requesting client's shipped classes dropped. */
	public static final String CLEAR_REQUEST = "clear_request";
	public static final String CLEAR_REPLY = "clear_reply";
	/**
	 * In order with other work: buffer 0 is a jar (content {@code name}, {@code sha256}) the engine
	 * adds to the class path of its namespace and of shipped functions.
	 */
	public static final String ADD_CLASSPATH_REQUEST = "add_classpath_request";
	public static final String ADD_CLASSPATH_REPLY = "add_classpath_reply";

	/**
	 * Engine to scheduler (scheduler exchange, key {@code notices}): the scheduler-placed tasks of one
	 * delivery are answered; content {@code results} lists {@code msgId:ok} or {@code msgId:error},
	 * comma-separated, metadata {@code engine_id} says which engine.
	 */
	public static final String TASK_DONE = "task_done";
	/** Client to scheduler (route {@code scheduler}): queued, running and completed tasks per engine. */
	public static final String QUEUE_STATUS_REQUEST = "queue_status_request";
	public static final String QUEUE_STATUS_REPLY = "queue_status_reply";
	/**
	 * Control: read, and with content {@code set} (a JSON object; a null value removes the key) change,
	 * the engine's properties; the reply's content {@code properties} is the whole map as JSON.
	 */
	public static final String PROPERTIES_REQUEST = "properties_request";
	public static final String PROPERTIES_REPLY = "properties_reply";
	/**
	 * An engine's properties changed: the engine tells the hub (hub queue, one way), the hub records
	 * them and tells every subscriber (notifications exchange); content {@code id}, {@code uuid},
	 * {@code properties} (JSON).
	 */
	public static final String PROPERTIES_NOTIFICATION = "properties_notification";

	/**
	 * Hub queries (client to the hub queue, RPC like {@code engine_list_request}); every reply has
	 * {@code status}, and an error reply {@code ename}/{@code evalue} (a bad query: {@code io.jparallel.InvalidQuery}).
	 * <ul>
	 * <li>{@code get_result_request}: content {@code msg_ids}; reply content {@code found} (ids whose reply
	 * the hub holds; buffer {@code i} is the engine's signed reply to {@code found[i]}, as it was sent),
	 * {@code pending} (known, not answered yet) and {@code unknown};</li>
	 * <li>{@code result_status_request}: content {@code msg_ids}; reply {@code completed}, {@code pending},
	 * {@code unknown};</li>
	 * <li>{@code db_query_request}: content {@code query} (a JSON object: field to value or to operators
	 * {@code $lt $gt $lte $gte $eq $ne $in $nin $exists $glob}) and {@code keys} (fields to return,
	 * comma-separated; absent: all but the raw bytes); reply {@code records}, a JSON array;</li>
	 * <li>{@code resubmit_request}: content {@code msg_ids} as {@code old:new} pairs (the client picks the new
	 * ids, so it waits for their replies before they can arrive); the hub publishes each stored request
	 * again under its new id, for the requesting session; reply {@code resubmitted} (the old ids done) and
	 * {@code unknown};</li>
	 * <li>{@code purge_results_request}: content {@code msg_ids}, or {@code all}={@code true}, or
	 * {@code engine_id}; only finished records are purged; reply {@code purged} (a count);</li>
	 * <li>{@code hub_history_request}: reply {@code msg_ids}, every recorded request in submission order.</li>
	 * </ul>
	 */
	public static final String GET_RESULT_REQUEST = "get_result_request";
	public static final String GET_RESULT_REPLY = "get_result_reply";
	public static final String RESULT_STATUS_REQUEST = "result_status_request";
	public static final String RESULT_STATUS_REPLY = "result_status_reply";
	public static final String DB_QUERY_REQUEST = "db_query_request";
	public static final String DB_QUERY_REPLY = "db_query_reply";
	public static final String RESUBMIT_REQUEST = "resubmit_request";
	public static final String RESUBMIT_REPLY = "resubmit_reply";
	public static final String PURGE_RESULTS_REQUEST = "purge_results_request";
	public static final String PURGE_RESULTS_REPLY = "purge_results_reply";
	public static final String HUB_HISTORY_REQUEST = "hub_history_request";
	public static final String HUB_HISTORY_REPLY = "hub_history_reply";

	/** A slice of a message too large to travel whole (see {@code io.jparallel.protocol.amqp.Chunks}). */
	public static final String CHUNK = "chunk";

	/** Sent by the scheduler to a client when a request cannot be placed. */
	public static final String PLACEMENT_ERROR = "placement_error";

	private MessageType() {
	}

	/** The reply type for a request type: {@code x_request} answers with {@code x_reply}. */
	public static String replyTo(String requestType) {
		if (!requestType.endsWith("_request")) {
			throw new IllegalArgumentException("Not a request type: " + requestType);
		}
		return requestType.substring(0, requestType.length() - "_request".length()) + "_reply";
	}

}
