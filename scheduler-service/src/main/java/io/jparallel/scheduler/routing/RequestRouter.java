package io.jparallel.scheduler.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.scheduler.engines.EngineDirectory;

/**
 * Places one verified request: a direct request (route {@code mux}, metadata {@code target}) goes to
 * that engine's MUX queue; a load-balanced one (route {@code task}) to the shared task queue, which
 * every engine consumes with a small prefetch, so the broker hands each task to an engine that is
 * ready for it (ipyparallel's {@code pure} scheme). The verified bytes are forwarded unchanged, so
 * the engine checks the client's own signature.
 */
@Component
public class RequestRouter {

	private static final Log logger = LogFactory.getLog(RequestRouter.class);

	private final ClusterConnection cluster;

	private final EngineDirectory engines;

	/** Most load-balanced tasks an engine takes in one go. */
	static final int MAX_TASKS_PER_BATCH = 64;

	private final AtomicLong direct = new AtomicLong();

	private final AtomicLong loadBalanced = new AtomicLong();

	private final AtomicLong unplaceable = new AtomicLong();

	public RequestRouter(ClusterConnection cluster, EngineDirectory engines) {
		this.cluster = cluster;
		this.engines = engines;
	}

	/**
	 * Places every request of one delivery. Requests for the same engine travel on as one batch;
	 * load-balanced ones are split into at most one batch per engine, so that a burst is spread over
	 * all engines while each engine still takes one batch at a time from the shared queue.
	 */
	public void route(List<Accepted> requests) {
		Topology topology = this.cluster.topology();
		Map<String, List<byte[]>> byEngine = new LinkedHashMap<>();
		List<byte[]> tasks = new ArrayList<>();
		for (Accepted accepted : requests) {
			Message request = accepted.message();
			String route = request.metadata(MetadataKeys.ROUTE);
			if (MetadataKeys.ROUTE_TASK.equals(route) && Chunks.isChunk(request)) {
				// every chunk of a load-balanced request must reach the same engine
				String uuid = this.engines.pick(request.content(Chunks.CHUNK_OF));
				if (uuid == null) {
					refuse(request, "no engine is registered", null);
					continue;
				}
				byEngine.computeIfAbsent(uuid, key -> new ArrayList<>()).add(accepted.encoded());
				continue;
			}
			if (MetadataKeys.ROUTE_TASK.equals(route)) {
				tasks.add(accepted.encoded());
				continue;
			}
			if (!MetadataKeys.ROUTE_MUX.equals(route)) {
				refuse(request, "unknown route '" + route + "' (expected mux or task)", null);
				continue;
			}
			String target = request.metadata(MetadataKeys.TARGET);
			Integer engineId = parseEngineId(target);
			String uuid = (engineId != null) ? this.engines.uuidOf(engineId) : null;
			if (uuid == null) {
				refuse(request, "no engine with id " + target + " is registered", target);
				continue;
			}
			byEngine.computeIfAbsent(uuid, key -> new ArrayList<>()).add(accepted.encoded());
		}
		byEngine.forEach((uuid, batch) -> {
			this.cluster.sender().sendBatch(topology.muxExchange(), uuid, batch);
			this.direct.addAndGet(batch.size());
		});
		if (!tasks.isEmpty()) {
			int parts = Math.max(1, Math.min(tasks.size(), Math.max(this.engines.size(),
					(tasks.size() + MAX_TASKS_PER_BATCH - 1) / MAX_TASKS_PER_BATCH)));
			for (int part = 0; part < parts; part++) {
				List<byte[]> batch = tasks.subList(tasks.size() * part / parts, tasks.size() * (part + 1) / parts);
				this.cluster.sender().sendBatch(topology.taskExchange(), Topology.SHARED_TASKS_KEY, batch);
			}
			this.loadBalanced.addAndGet(tasks.size());
		}
	}

	/** Tells the client at once, so nothing waits for a request that can never run. */
	private void refuse(Message request, String reason, String target) {
		this.unplaceable.incrementAndGet();
		logger.warn("Cannot place " + request.msgType() + " " + request.header().msgId() + " from session "
				+ request.header().session() + ": " + reason);
		Map<String, String> metadata = (target != null) ? Map.of(MetadataKeys.ENGINE_ID, target) : Map.of();
		Message reply = Replies.reply(request, "scheduler", "scheduler", metadata,
				Replies.errorContent("io.jparallel.UnplaceableRequestError", reason, ""), java.util.List.of());
		this.cluster.sender().send(this.cluster.topology().resultsExchange(), request.header().session(), reply);
	}

	private static Integer parseEngineId(String target) {
		try {
			return (target != null) ? Integer.valueOf(target) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public Map<String, Long> counts() {
		return Map.of("direct", this.direct.get(), "loadBalanced", this.loadBalanced.get(), "unplaceable",
				this.unplaceable.get());
	}

}
