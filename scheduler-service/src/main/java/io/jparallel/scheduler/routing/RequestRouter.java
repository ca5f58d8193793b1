package io.jparallel.scheduler.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.tasks.PropertyMaps;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.tasks.Scheme;
import io.jparallel.scheduler.tasks.Task;
import io.jparallel.scheduler.tasks.TaskFlags;
import io.jparallel.scheduler.tasks.TaskIntake;
import io.jparallel.scheduler.tasks.TaskScheduler;

/**
 * Places one verified request by its route:
 * <ul>
 * <li>{@code mux} (metadata {@code target}): that engine's MUX queue;</li>
 * <li>{@code task}: to the {@link TaskScheduler}, which holds it until its dependencies are met and
 * places it on a chosen engine's MUX queue; under the {@code pure} scheme, on the shared task queue
 * instead, which every engine consumes with a small prefetch, so the broker hands each task to an
 * engine that is ready for it (no dependencies or restrictions: a task that asks for them is
 * refused);</li>
 * <li>{@code scheduler}: answered by the scheduler itself ({@link SchedulerRequests}: task abort and
 * cancel, queue status);</li>
 * <li>{@code broadcast} (metadata {@code targets}, comma-separated ids): the same request on the MUX
 * queue of every engine named, each of which answers it with its own {@code engine_id};</li>
 * <li>{@code control} (metadata {@code target}): that engine's control queue, which the engine serves
 * apart from its work, so an abort or shutdown never waits behind queued requests.</li>
 * </ul>
 * The verified bytes are forwarded unchanged, so the engine checks the client's own signature. Chunks
 * carry their original's routing metadata and are placed like it. A request that cannot be placed is
 * answered at once with an {@code io.jparallel.UnplaceableRequestError} reply (one per unknown engine
 * of a broadcast, each with that {@code engine_id}).
 */
@Component
public class RequestRouter {

	private static final Log logger = LogFactory.getLog(RequestRouter.class);

	/** The error name of the reply to a request the scheduler cannot place. */
	public static final String UNPLACEABLE = "io.jparallel.UnplaceableRequestError";

	/** The routes the router knows, for the start-up log. */
	public static final List<String> ROUTES = List.of(MetadataKeys.ROUTE_MUX, MetadataKeys.ROUTE_TASK,
			MetadataKeys.ROUTE_BROADCAST, MetadataKeys.ROUTE_CONTROL, MetadataKeys.ROUTE_SCHEDULER);

	private final ClusterConnection cluster;

	private final EngineDirectory engines;

	/** Most load-balanced tasks an engine takes in one go. */
	static final int MAX_TASKS_PER_BATCH = 64;

	private final AtomicLong direct = new AtomicLong();

	private final AtomicLong loadBalanced = new AtomicLong();

	private final AtomicLong broadcast = new AtomicLong();

	private final AtomicLong control = new AtomicLong();

	private final AtomicLong unplaceable = new AtomicLong();

	private final TaskScheduler tasks;

	private final TaskIntake intake;

	private final SchedulerRequests schedulerRequests;

	public RequestRouter(ClusterConnection cluster, EngineDirectory engines, TaskScheduler tasks, TaskIntake intake,
			SchedulerRequests schedulerRequests) {
		this.cluster = cluster;
		this.engines = engines;
		this.tasks = tasks;
		this.intake = intake;
		this.schedulerRequests = schedulerRequests;
	}

	/**
	 * Places every request of one delivery. Requests for the same engine (direct and broadcast) travel
	 * on as one batch, in the order they came; load-balanced ones are split into at most one batch per
	 * engine, so that a burst is spread over all engines while each engine still takes one batch at a
	 * time from the shared queue.
	 */
	public void route(List<Accepted> requests) {
		route(requests, DeliveryReceipt.NONE);
	}

	/**
	 * As {@link #route(List)}, for requests that came in one delivery: each load-balanced task holds the
	 * receipt until it is placed on an engine or ends here; everything else is published on before this
	 * returns, and the caller then releases its own hold.
	 */
	public void route(List<Accepted> requests, DeliveryReceipt receipt) {
		Topology topology = this.cluster.topology();
		Map<String, List<byte[]>> byEngine = new LinkedHashMap<>();
		Map<String, List<byte[]>> controlByEngine = new LinkedHashMap<>();
		List<byte[]> tasks = new ArrayList<>();
		List<Task> scheduled = new ArrayList<>();
		boolean pure = this.tasks.scheme() == Scheme.PURE;
		for (Accepted accepted : requests) {
			Message request = accepted.message();
			String route = request.metadata(MetadataKeys.ROUTE);
			if (MetadataKeys.ROUTE_TASK.equals(route) && !pure) {
				Runnable hold = receipt.hold();
				try {
					Task task = this.intake.offer(accepted, hold);
					if (task != null) {
						scheduled.add(task);
					}
					this.loadBalanced.incrementAndGet();
				}
				catch (IllegalArgumentException ex) {
					hold.run();
					refuse(request, "cannot read its task flags: " + ex.getMessage(), null);
				}
			}
			else if (MetadataKeys.ROUTE_TASK.equals(route)) {
				String unsupported = unsupportedByPure(request);
				if (unsupported != null) {
					refuse(request, unsupported, null);
				}
				else if (Chunks.isChunk(request)) {
					// every chunk of a load-balanced request must reach the same engine
					String uuid = this.engines.pick(request.content(Chunks.CHUNK_OF));
					if (uuid == null) {
						refuse(request, "no engine is registered", null);
						continue;
					}
					add(byEngine, uuid, accepted);
				}
				else {
					tasks.add(accepted.encoded());
				}
				this.loadBalanced.incrementAndGet();
			}
			else if (MetadataKeys.ROUTE_MUX.equals(route)) {
				if (placeOnOne(request, accepted, byEngine)) {
					this.direct.incrementAndGet();
				}
			}
			else if (MetadataKeys.ROUTE_CONTROL.equals(route)) {
				if (placeOnOne(request, accepted, controlByEngine)) {
					this.control.incrementAndGet();
					takePropertiesSet(request);
				}
			}
			else if (MetadataKeys.ROUTE_SCHEDULER.equals(route)) {
				if (!this.schedulerRequests.answer(request)) {
					refuse(request, "the scheduler cannot answer " + request.msgType()
							+ " (route scheduler takes abort_request and queue_status_request)", null);
				}
			}
			else if (MetadataKeys.ROUTE_BROADCAST.equals(route)) {
				if (broadcast(request, accepted, byEngine)) {
					this.broadcast.incrementAndGet();
				}
			}
			else {
				refuse(request, "unknown route '" + route + "' (expected one of " + String.join(", ", ROUTES) + ")",
						null);
			}
		}
		byEngine.forEach((uuid, batch) -> this.cluster.sender().sendBatch(topology.muxExchange(), uuid, batch));
		if (!scheduled.isEmpty()) {
			this.tasks.submit(scheduled);
		}
		controlByEngine
			.forEach((uuid, batch) -> this.cluster.sender().sendBatch(topology.controlExchange(), uuid, batch));
		if (!tasks.isEmpty()) {
			int parts = Math.max(1, Math.min(tasks.size(), Math.max(this.engines.size(),
					(tasks.size() + MAX_TASKS_PER_BATCH - 1) / MAX_TASKS_PER_BATCH)));
			for (int part = 0; part < parts; part++) {
				List<byte[]> batch = tasks.subList(tasks.size() * part / parts, tasks.size() * (part + 1) / parts);
				this.cluster.sender().sendBatch(topology.taskExchange(), Topology.SHARED_TASKS_KEY, batch);
			}
		}
	}

	/** Why the pure scheme refuses a task, or {@code null} if it asks nothing that scheme cannot give. */
	private static String unsupportedByPure(Message request) {
		String unsupported;
		try {
			unsupported = TaskFlags.of(request).unsupportedByPure();
		}
		catch (IllegalArgumentException ex) {
			return "cannot read its task flags: " + ex.getMessage();
		}
		if (unsupported.isEmpty()) {
			return null;
		}
		return "the scheduler runs the pure scheme (one shared queue; the broker places tasks), which cannot honour "
				+ unsupported + "; start the scheduler with jparallel.scheduler.scheme=leastload"
				+ " (or lru, plainrandom, twobin, weighted)";
	}

	/**
	 * The properties a {@code properties_request} sets take effect in placement as it passes, ahead of
	 * any task its client sends next; one the engine will refuse (not strings) changes nothing here either.
	 */
	private void takePropertiesSet(Message request) {
		String set = request.content(MetadataKeys.SET);
		Integer engineId = parseEngineId(request.metadata(MetadataKeys.TARGET));
		if (!MessageType.PROPERTIES_REQUEST.equals(request.msgType()) || set == null || engineId == null) {
			return;
		}
		try {
			this.tasks.propertiesSet(engineId, PropertyMaps.changes(set));
		}
		catch (IllegalArgumentException ex) {
			// the engine answers the client with the error
		}
	}

	/** A request for the engine in metadata {@code target}: queued for that engine, or refused. */
	private boolean placeOnOne(Message request, Accepted accepted, Map<String, List<byte[]>> byEngine) {
		String target = request.metadata(MetadataKeys.TARGET);
		Integer engineId = parseEngineId(target);
		String uuid = (engineId != null) ? this.engines.uuidOf(engineId) : null;
		if (uuid == null) {
			refuse(request, "no engine with id " + target + " is registered", target);
			return false;
		}
		add(byEngine, uuid, accepted);
		return true;
	}

	/**
	 * A copy of the request for every engine in metadata {@code targets}; each unknown engine gets a
	 * refusal of its own, and a request whose targets are missing or not all ids is refused as a whole.
	 */
	private boolean broadcast(Message request, Accepted accepted, Map<String, List<byte[]>> byEngine) {
		String targets = request.metadata(MetadataKeys.TARGETS);
		Set<Integer> ids = parseEngineIds(targets);
		if (ids == null) {
			refuse(request, "a broadcast needs metadata '" + MetadataKeys.TARGETS
					+ "' listing engine ids (comma-separated), was '" + targets + "'", null);
			return false;
		}
		boolean placed = false;
		for (int id : ids) {
			String uuid = this.engines.uuidOf(id);
			if (uuid == null) {
				refuse(request, "no engine with id " + id + " is registered", String.valueOf(id));
				continue;
			}
			add(byEngine, uuid, accepted);
			placed = true;
		}
		return placed;
	}

	private static void add(Map<String, List<byte[]>> byEngine, String uuid, Accepted accepted) {
		byEngine.computeIfAbsent(uuid, key -> new ArrayList<>()).add(accepted.encoded());
	}

	/**
	 * Tells the client at once, so nothing waits for a request that can never run. A chunked request is
	 * answered once, on its first chunk, as a reply to the original request (whose id and type the chunk
	 * names), since that is what the client waits for.
	 */
	private void refuse(Message request, String reason, String target) {
		this.unplaceable.incrementAndGet();
		Header refused = request.header();
		if (Chunks.isChunk(request)) {
			if (!"0".equals(request.content(Chunks.CHUNK_INDEX))) {
				return;
			}
			refused = new Header(String.valueOf(request.content(Chunks.CHUNK_OF)),
					String.valueOf(request.content(Chunks.CHUNK_TYPE)), refused.session(), refused.username(),
					refused.date(), refused.version());
		}
		logger.warn("Cannot place " + refused.msgType() + " " + refused.msgId() + " from session "
				+ refused.session() + ": " + reason);
		String replyType = refused.msgType().endsWith("_request") ? MessageType.replyTo(refused.msgType())
				: MessageType.PLACEMENT_ERROR;
		Map<String, String> metadata = (target != null) ? Map.of(MetadataKeys.ENGINE_ID, target) : Map.of();
		Message reply = new Message(Header.create(replyType, "scheduler", "scheduler"), refused, metadata,
				Replies.errorContent(UNPLACEABLE, reason, ""), List.of());
		this.cluster.sender().send(this.cluster.topology().resultsExchange(), refused.session(), reply);
	}

	private static Integer parseEngineId(String target) {
		try {
			return (target != null) ? Integer.valueOf(target.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The distinct ids of a comma-separated list, in order; {@code null} if it is empty or not all ids. */
	private static Set<Integer> parseEngineIds(String targets) {
		if (targets == null || targets.isBlank()) {
			return null;
		}
		Set<Integer> ids = new LinkedHashSet<>();
		for (String target : targets.split(",")) {
			Integer id = parseEngineId(target);
			if (id == null) {
				return null;
			}
			ids.add(id);
		}
		return ids;
	}

	/**
	 * Requests placed per route (a broadcast counts once however many engines it reaches; every chunk
	 * counts) and requests refused.
	 */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("direct", this.direct.get());
		counts.put("loadBalanced", this.loadBalanced.get());
		counts.put("broadcast", this.broadcast.get());
		counts.put("control", this.control.get());
		counts.put("unplaceable", this.unplaceable.get());
		return counts;
	}

}
