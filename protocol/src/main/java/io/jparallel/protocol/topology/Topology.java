package io.jparallel.protocol.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names of every exchange, queue and routing key of one cluster. All names start with the cluster id,
 * so several clusters (or tests) can share one broker without seeing each other's traffic.
 *
 * <pre>
 * client --requests--> scheduler --mux (key: engine uuid)--> engine's mux queue
 *                               \--tasks (key: shared)----> shared task queue, all engines consume
 *                               \--control (key: engine uuid)--> engine's control queue (abort, shutdown)
 * engine --scheduler (key: notices)--> scheduler's notices queue (tasks done, failures to retry)
 * engine --results (key: client session)--> client's results queue
 * hub: registration queue (RPC), notifications fanout, heartbeat fanout,
 *      audit queue bound to requests and results (a copy of all traffic)
 * </pre>
 */
public final class Topology {

	/** Routing key of the shared load-balanced task queue. */
	public static final String SHARED_TASKS_KEY = "shared";

	private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final String clusterId;

	public Topology(String clusterId) {
		Objects.requireNonNull(clusterId, "clusterId is required");
		if (!CLUSTER_ID.matcher(clusterId).matches()) {
			throw new IllegalArgumentException(
					"Cluster id must be 1-64 letters, digits, '-' or '_', was '" + clusterId + "'");
		}
		this.clusterId = clusterId;
	}

	public String clusterId() {
		return this.clusterId;
	}

	private String name(String suffix) {
		return "jp." + this.clusterId + "." + suffix;
	}

	/** Topic exchange clients publish requests to; routing key is the client session. */
	public String requestsExchange() {
		return name("requests");
	}

	/** The scheduler's queue of requests, bound to {@link #requestsExchange()} with {@code #}. */
	public String schedulerQueue() {
		return name("scheduler.requests");
	}

	/** Direct exchange for requests addressed to one engine; routing key is the engine uuid. */
	public String muxExchange() {
		return name("mux");
	}

	/** One engine's queue of direct requests. */
	public String engineMuxQueue(String engineUuid) {
		return name("engine." + engineUuid + ".mux");
	}

	/** Direct exchange for control requests (abort, shutdown) to one engine; routing key is the engine uuid. */
	public String controlExchange() {
		return name("control");
	}

	/** One engine's queue of control requests, consumed apart from its work so they never wait behind it. */
	public String engineControlQueue(String engineUuid) {
		return name("engine." + engineUuid + ".control");
	}

	/** Routing key of the scheduler's notices queue. */
	public static final String SCHEDULER_NOTICES_KEY = "notices";

	/** Direct exchange engines tell the scheduler on: tasks done, failed tasks it may retry. */
	public String schedulerExchange() {
		return name("scheduler");
	}

	/** The scheduler's queue of notices from engines, bound to {@link #schedulerExchange()}. */
	public String schedulerNoticesQueue() {
		return name("scheduler.notices");
	}

	/** Direct exchange for load-balanced tasks. */
	public String taskExchange() {
		return name("tasks");
	}

	/** The queue all engines consume load-balanced tasks from. */
	public String sharedTaskQueue() {
		return name("tasks.shared");
	}

	/** Topic exchange engines publish replies to; routing key is the requesting client's session. */
	public String resultsExchange() {
		return name("results");
	}

	/** A client's queue of replies. */
	public String clientResultsQueue(String session) {
		return name("client." + session + ".results");
	}

	/** A client's queue of class requests from engines (peer class loading). */
	public String clientClassQueue(String session) {
		return name("client." + session + ".classes");
	}

	/** The hub's request/reply queue: registration and engine list. */
	public String hubQueue() {
		return name("hub.registration");
	}

	/** Fanout exchange the hub announces engines joining and leaving on. */
	public String notificationsExchange() {
		return name("notifications");
	}

	/** Fanout exchange engines send heartbeats to. */
	public String heartbeatExchange() {
		return name("heartbeat");
	}

	/** The hub's heartbeat queue. */
	public String hubHeartbeatQueue() {
		return name("hub.heartbeat");
	}

	/** The hub's audit queue: a copy of every request and reply. */
	public String hubAuditQueue() {
		return name("hub.audit");
	}

	/** A private queue for a subscriber of {@link #notificationsExchange()}. */
	public String notificationsQueue(String session) {
		return name("notifications." + session);
	}

}
