package io.jparallel.hub.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Service;

import io.jparallel.hub.registration.Engine;
import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

/**
 * What an admin may ask of the cluster through the hub: abort requests, clear engines' namespaces, shut
 * engines down. Every request is signed by the hub and sent from the admin session (see
 * {@link AdminRequests}); each action is logged with who asked.
 */
@Service
public class ClusterAdmin {

	private static final Log logger = LogFactory.getLog(ClusterAdmin.class);

	private final EngineRegistry registry;

	private final RecordedTasks tasks;

	private final AdminRequests requests;

	public ClusterAdmin(EngineRegistry registry, RecordedTasks tasks, AdminRequests requests) {
		this.registry = registry;
		this.tasks = tasks;
		this.requests = requests;
	}

	/**
	 * Aborts requests: direct ones by an {@code abort_request} on each engine's control queue, load-balanced
	 * ones by one to the scheduler (route {@code scheduler}). Where each went is read from the audit.
	 * @param msgIds the requests' ids
	 * @param cancel also stop those running ({@code cancel}), not only those waiting
	 * @param who the admin, for the log
	 */
	public AbortOutcome abort(Collection<String> msgIds, boolean cancel, String who) {
		List<String> ids = List.copyOf(new LinkedHashSet<>(msgIds));
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("Name the requests to abort (msgIds)");
		}
		AbortPlan plan = AbortPlan.of(ids, this.tasks.find(ids));
		Map<Integer, Engine> registered = registeredById();
		List<SentRequest> sent = new ArrayList<>();
		List<String> engineGone = new ArrayList<>();
		plan.byEngine().forEach((engineId, engineIds) -> {
			Engine engine = registered.get(engineId);
			if (engine == null) {
				engineGone.addAll(engineIds);
			}
			else {
				sent.add(this.requests.toControl(engine, MessageType.ABORT_REQUEST, abortContent(engineIds, cancel),
						engineIds));
			}
		});
		if (!plan.scheduler().isEmpty()) {
			sent.add(this.requests.toScheduler(MessageType.ABORT_REQUEST, abortContent(plan.scheduler(), cancel),
					plan.scheduler()));
		}
		List<String> gone = engineGone.stream().distinct().filter(id -> !sentAnywhere(sent, id)).toList();
		AbortOutcome outcome = new AbortOutcome(sent, plan.alreadyDone(), plan.unknown(), gone);
		logger.info("Admin '" + who + "' asked to " + (cancel ? "cancel " : "abort ") + abbreviate(ids) + ": "
				+ describe(sent)
				+ ((outcome.alreadyDone().isEmpty()) ? "" : "; already done " + abbreviate(outcome.alreadyDone()))
				+ ((outcome.unknown().isEmpty()) ? "" : "; unknown " + abbreviate(outcome.unknown()))
				+ ((gone.isEmpty()) ? "" : "; engine no longer registered for " + abbreviate(gone)));
		return outcome;
	}

	/** A fresh namespace on each engine named: a {@code clear_request} on its queue of direct requests. */
	public EngineRequestsOutcome clear(EngineSelection engines, String who) {
		return toEngines(engines, MessageType.CLEAR_REQUEST, "clear the namespaces of", who,
				engine -> this.requests.toMux(engine, MessageType.CLEAR_REQUEST, Map.of()));
	}

	/** Stops each engine named: a {@code shutdown_request} on its control queue. */
	public EngineRequestsOutcome shutdown(EngineSelection engines, String who) {
		return toEngines(engines, MessageType.SHUTDOWN_REQUEST, "shut down", who,
				engine -> this.requests.toControl(engine, MessageType.SHUTDOWN_REQUEST, Map.of(), List.of()));
	}

	private EngineRequestsOutcome toEngines(EngineSelection selection, String msgType, String action, String who,
			Function<Engine, SentRequest> send) {
		Map<Integer, Engine> registered = registeredById();
		List<Engine> targets = new ArrayList<>();
		List<Integer> notRegistered = new ArrayList<>();
		if (selection.all()) {
			targets.addAll(registered.values());
		}
		else {
			for (int id : selection.ids()) {
				Engine engine = registered.get(id);
				if (engine != null) {
					targets.add(engine);
				}
				else {
					notRegistered.add(id);
				}
			}
		}
		List<SentRequest> sent = targets.stream().map(send).toList();
		logger.info("Admin '" + who + "' asked to " + action + " " + selection + ": " + describe(sent)
				+ ((notRegistered.isEmpty()) ? "" : "; not registered: " + notRegistered));
		return new EngineRequestsOutcome(sent, notRegistered);
	}

	private Map<Integer, Engine> registeredById() {
		return this.registry.registered()
			.stream()
			.collect(Collectors.toMap(Engine::id, Function.identity(), (a, b) -> a, TreeMap::new));
	}

	private static Map<String, String> abortContent(List<String> msgIds, boolean cancel) {
		return Map.of(MetadataKeys.MSG_IDS, String.join(",", msgIds), MetadataKeys.CANCEL, Boolean.toString(cancel));
	}

	/** A list for the log: whole if short, else its first ids and how many. */
	private static String abbreviate(List<String> ids) {
		return (ids.size() <= 10) ? ids.toString()
				: ids.subList(0, 10).toString().replace("]", ", ...] (" + ids.size() + " ids)");
	}

	private static boolean sentAnywhere(List<SentRequest> sent, String msgId) {
		return sent.stream().anyMatch(request -> request.msgIds().contains(msgId));
	}

	private static String describe(List<SentRequest> sent) {
		if (sent.isEmpty()) {
			return "nothing sent";
		}
		return "sent " + sent.stream()
			.map(request -> request.msgType() + " " + request.msgId() + " to "
					+ ((request.engineId() != null) ? "engine " + request.engineId() : "the scheduler"))
			.collect(Collectors.joining(", "));
	}

}
