package io.jparallel.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the scheduler holds, as {@code rc.queueStatus()} reports it (ipyparallel's {@code queue_status}):
 * its placement scheme, the load-balanced tasks not yet given to an engine, and per engine how many
 * tasks are queued there, running, completed and failed.
 * <pre>{@code
 * QueueStatus status = rc.queueStatus();
 * System.out.println(status);                    // scheme leastload, hwm 16, 3 unassigned; engine 0: 2 queued, ...
 * int waiting = status.engines().get(0).queued();
 * List<String> ids = rc.queueStatus(true).unassignedTasks();
 * }</pre>
 *
 * @param scheme the placement scheme ({@code leastload}, {@code pure}, ...)
 * @param hwm the high-water mark: most tasks given to one engine at once (0: no limit, -1: adaptive, each
 *        engine 16 to 256 by how fast it finishes tasks)
 * @param unassigned how many tasks wait for an engine
 * @param engines per engine id, its queue
 * @param unassignedTasks the ids of the tasks waiting for an engine (only when asked verbosely)
 */
public record QueueStatus(String scheme, int hwm, int unassigned, Map<Integer, EngineQueue> engines,
		List<String> unassignedTasks) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public QueueStatus {
		engines = java.util.Collections.unmodifiableMap(new TreeMap<>(engines));
		unassignedTasks = List.copyOf(unassignedTasks);
	}

	/** All tasks queued on engines or waiting for one. */
	public int queued() {
		return this.unassigned + this.engines.values().stream().mapToInt(EngineQueue::queued).sum();
	}

	/** All tasks running now. */
	public int running() {
		return this.engines.values().stream().mapToInt(EngineQueue::running).sum();
	}

	/**
	 * Reads the scheduler's JSON, e.g. {@code {"scheme":"leastload","hwm":8,"unassigned":3,
	 * "engines":{"0":{"queued":2,"running":1,"completed":10,"failed":0,"tasks":["id"]}},"unassigned_tasks":["id"]}}.
	 * @throws JParallelException if it is not such JSON
	 */
	public static QueueStatus parse(String json) {
		JsonNode root;
		try {
			root = (json != null) ? JSON.readTree(json) : null;
		}
		catch (JacksonException ex) {
			throw new JParallelException("The scheduler's queue status is not JSON: " + json, ex);
		}
		if (root == null || !root.isObject()) {
			throw new JParallelException("The scheduler's queue status is not a JSON object: " + json);
		}
		Map<Integer, EngineQueue> engines = new TreeMap<>();
		for (Map.Entry<String, JsonNode> engine : root.path("engines").properties()) {
			int id;
			try {
				id = Integer.parseInt(engine.getKey());
			}
			catch (NumberFormatException ex) {
				throw new JParallelException("The scheduler's queue status names engine '" + engine.getKey()
						+ "', not an engine id: " + json, ex);
			}
			JsonNode queue = engine.getValue();
			engines.put(id, new EngineQueue(queue.path("queued").asInt(0), queue.path("running").asInt(0),
					queue.path("completed").asInt(0), queue.path("failed").asInt(0), strings(queue.path("tasks"))));
		}
		return new QueueStatus(root.path("scheme").asString(""), root.path("hwm").asInt(0),
				root.path("unassigned").asInt(0), engines, strings(root.path("unassigned_tasks")));
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		if (array.isArray()) {
			array.values().forEach(node -> strings.add(node.asString()));
		}
		return strings;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("scheme ").append(this.scheme)
			.append(", hwm ")
			.append((this.hwm > 0) ? String.valueOf(this.hwm) : (this.hwm < 0) ? "auto" : "none")
			.append(", ")
			.append(this.unassigned)
			.append(" unassigned");
		if (!this.unassignedTasks.isEmpty()) {
			text.append(' ').append(this.unassignedTasks);
		}
		this.engines.forEach((id, queue) -> text.append("\nengine ").append(id).append(": ").append(queue));
		return text.toString();
	}

	/**
	 * One engine's share of the scheduler's tasks.
	 *
	 * @param queued given to the engine, not started
	 * @param running running on it
	 * @param completed finished there successfully
	 * @param failed finished there with an error
	 * @param tasks the ids of its queued and running tasks (only when asked verbosely)
	 */
	public record EngineQueue(int queued, int running, int completed, int failed, List<String> tasks) {

		public EngineQueue {
			tasks = List.copyOf(tasks);
		}

		@Override
		public String toString() {
			return this.queued + " queued, " + this.running + " running, " + this.completed + " completed, "
					+ this.failed + " failed" + (this.tasks.isEmpty() ? "" : " " + this.tasks);
		}

	}

}
