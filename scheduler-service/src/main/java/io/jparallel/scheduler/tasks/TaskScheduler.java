package io.jparallel.scheduler.tasks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.tasks.Dependencies;
import io.jparallel.scheduler.SchedulerProperties;

/**
 * Holds load-balanced tasks and places each on an engine (every scheme but {@code pure}):
 * <ol>
 * <li>a task waits until its {@code after} and {@code follow} dependencies are met; one that can never be
 * met fails with {@code ImpossibleDependency};</li>
 * <li>a ready task goes, in arrival order, to one of the engines that may run it (its {@code targets},
 * its {@code require}ments on engine properties, where its {@code follow} dependencies ran, not where it
 * already failed) and has room (fewer than {@code hwm} outstanding tasks), chosen by the
 * {@link Scheme}; a task no engine can run fails at once, unless it has a {@code timeout}, in which case
 * it waits that long for one (engines join, properties change);</li>
 * <li>engines say when tasks are done ({@code task_done}); a failed task with retries left comes back
 * here instead of to its client and is placed again on an engine it has not failed on, as is a task
 * whose engine leaves the cluster; otherwise its client gets the engine's error (or an
 * {@code EngineError});</li>
 * <li>a task still not started when its {@code timeout} passes fails with {@code DependencyTimeout} (still
 * waiting for dependencies) or {@code TaskTimeout} (waiting for an engine).</li>
 * </ol>
 * All state is guarded by this object's lock; decisions of one call are sent when it ends. Without a
 * configured {@code hwm}, each engine's limit is its {@link EngineCredit} (16 to 256, by how fast it
 * finishes tasks). With a limit, tasks travel to an engine in batches of half of it (rounded up), and an engine is given
 * more only when a whole such batch fits: it then always holds one batch to run after the one it is
 * running, and reports each batch done as one {@code task_done}, so the next batch is on its way while
 * it works, and a burst of tiny tasks costs a few messages per batch rather than per task.
 */
@Component
public class TaskScheduler {

	private static final Log logger = LogFactory.getLog(TaskScheduler.class);

	/** The session of the scheduler's own messages. */
	public static final String SESSION = "scheduler";

	/** Finished tasks remembered for dependencies. */
	static final int OUTCOMES_REMEMBERED = 100_000;

	private final TaskOutbox outbox;

	private final Scheme scheme;

	private final int hwm;

	/** {@link #hwm} when none is configured: each engine's own {@link EngineCredit}. */
	public static final int AUTO_HWM = -1;

	private final Random random = new Random();

	private final Map<Integer, EngineSlot> engines = new TreeMap<>();

	/** Every task not finished, by msg id. */
	private final Map<String, Task> tasks = new HashMap<>();

	/** Ready tasks in the order they are placed; tasks that left this state are skipped lazily. */
	private final ArrayDeque<Task> ready = new ArrayDeque<>();

	/** Waiting tasks by the msg id of a dependency they wait for. */
	private final Map<String, Set<Task>> dependents = new HashMap<>();

	/** Unplaced tasks with a timeout. */
	private final Set<Task> timed = new LinkedHashSet<>();

	private final Outcomes outcomes = new Outcomes(OUTCOMES_REMEMBERED);

	/** Tasks to send at the end of the current call, per engine uuid. */
	private final Map<String, List<byte[]>> placements = new LinkedHashMap<>();

	private final ArrayDeque<String> releases = new ArrayDeque<>();

	private boolean releasing;

	private long sequence;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	/** Tasks assigned in this round, whose deliveries are acknowledged once they are published. */
	private final List<Task> placedNow = new ArrayList<>();

	/** Nanoseconds, for the engines' credit. */
	private final LongSupplier clock;

	@Autowired
	public TaskScheduler(TaskOutbox outbox, SchedulerProperties properties) {
		this(outbox, properties, System::nanoTime);
	}

	TaskScheduler(TaskOutbox outbox, SchedulerProperties properties, LongSupplier clock) {
		this.clock = clock;
		this.outbox = outbox;
		this.scheme = Scheme.of(properties.getScheme());
		Integer hwm = properties.getHwm();
		if (hwm != null && hwm < 0) {
			throw new IllegalArgumentException("jparallel.scheduler.hwm must be 0 (unlimited) or more, was " + hwm);
		}
		this.hwm = (hwm != null) ? hwm : AUTO_HWM;
		for (String name : List.of("submitted", "placed", "completed", "failed", "retried", "impossible",
				"timedOut", "aborted", "lostWithEngine")) {
			this.counts.put(name, 0L);
		}
	}

	public Scheme scheme() {
		return this.scheme;
	}

	/** The configured hwm: 0 = no limit, {@link #AUTO_HWM} = each engine's credit. */
	public int hwm() {
		return this.hwm;
	}

	/** The most tasks an engine may hold now; {@link Integer#MAX_VALUE} without a limit. */
	private int limit(EngineSlot slot) {
		if (this.hwm == 0) {
			return Integer.MAX_VALUE;
		}
		return (this.hwm == AUTO_HWM) ? slot.credit().limit(this.clock.getAsLong()) : this.hwm;
	}

	private int limitOf(String uuid) {
		for (EngineSlot slot : this.engines.values()) {
			if (slot.uuid().equals(uuid)) {
				return limit(slot);
			}
		}
		return (this.hwm > 0) ? this.hwm : Integer.MAX_VALUE;
	}

	/** Tasks per batch to one engine, and the free places a working engine needs to be given more. */
	private static int batch(int limit) {
		return (limit == Integer.MAX_VALUE) ? limit : (limit + 1) / 2;
	}

	/** The hwm as people read it: a number, {@code 0 (unlimited)} or {@code auto (16-256)}. */
	public String hwmLabel() {
		if (this.hwm == AUTO_HWM) {
			return "auto (" + EngineCredit.MIN + "-" + EngineCredit.MAX + ")";
		}
		return (this.hwm == 0) ? "0 (unlimited)" : String.valueOf(this.hwm);
	}

	/** Takes new tasks (duplicates of known ones are ignored) and places what it can. */
	public synchronized void submit(List<Task> submitted) {
		for (Task task : submitted) {
			if (this.tasks.containsKey(task.msgId()) || this.outcomes.get(task.msgId()) != null) {
				logger.debug("Ignored a second copy of task " + task.msgId());
				task.releaseReceipts();
				continue;
			}
			count("submitted");
			this.tasks.put(task.msgId(), task);
			if (task.flags().timeout() != null) {
				this.timed.add(task);
			}
			evaluate(task);
		}
		dispatchAndSend();
	}

	/** An engine finished tasks: {@code results} is the {@code task_done} content ({@code id:ok,id:error}). */
	public synchronized void done(int engineId, String results) {
		if (results != null) {
			for (String entry : results.split(",")) {
				int colon = entry.lastIndexOf(':');
				if (colon > 0) {
					finish(engineId, entry.substring(0, colon).strip(), "ok".equals(entry.substring(colon + 1).strip()));
				}
			}
		}
		dispatchAndSend();
	}

	/**
	 * A task with retries failed on an engine, which sent its error reply here instead of to the client:
	 * it is placed again on an engine it has not failed on, or, with no retry or engine left, the reply
	 * goes on to the client.
	 */
	public synchronized void failed(int engineId, Message reply, byte[] encodedReply) {
		String msgId = reply.parentHeader().msgId();
		EngineSlot slot = this.engines.get(engineId);
		if (slot != null) {
			slot.finished(msgId, false);
		}
		Task task = this.tasks.get(msgId);
		String error = reply.content(MetadataKeys.ENAME) + ": " + reply.content(MetadataKeys.EVALUE);
		if (task != null && task.retriesLeft() > 0 && task.hasParts()) {
			task.retryAfterFailureOn(engineId);
			if (!eligible(task).isEmpty()) {
				count("retried");
				logger.info("Task " + task.describe() + " failed on engine " + engineId + " (" + error
						+ "); resubmitting it to another engine, " + task.retriesLeft() + " retries left");
				this.ready.addFirst(task);
				dispatchAndSend();
				return;
			}
			logger.info("Task " + task.describe() + " failed on engine " + engineId + " (" + error
					+ ") and no other engine may run it (failed on " + new TreeSet<>(task.failedOn()) + ")");
		}
		if (task != null) {
			finished(task);
		}
		count("failed");
		this.outbox.forward(reply.parentHeader().session(), encodedReply);
		this.outcomes.record(msgId, false, engineId);
		release(msgId);
		dispatchAndSend();
	}

	/**
	 * The engines the hub lists, added together before any task is placed, so that tasks held while the
	 * scheduler started are spread over all of them rather than given to the first one known.
	 */
	public synchronized void enginesListed(List<io.jparallel.protocol.engines.EngineListRequests.Listed> listed) {
		for (io.jparallel.protocol.engines.EngineListRequests.Listed engine : listed) {
			addOrUpdate(engine.id(), engine.uuid(), engine.properties());
		}
		if (!listed.isEmpty()) {
			logger.info("Engines " + this.engines.keySet() + " take tasks");
		}
		dispatchAndSend();
	}

	/** An engine joined (or re-announced itself): tasks may go to it. */
	public synchronized void engineJoined(int id, String uuid, Map<String, String> properties) {
		if (addOrUpdate(id, uuid, properties)) {
			logger.info("Engine " + id + " takes tasks (" + this.engines.size() + " engines; properties " + properties
					+ ")");
		}
		dispatchAndSend();
	}

	/** Whether the engine is new here (else its properties are brought up to date). */
	private boolean addOrUpdate(int id, String uuid, Map<String, String> properties) {
		EngineSlot known = this.engines.get(id);
		if (known != null && known.uuid().equals(uuid)) {
			known.properties(properties);
			return false;
		}
		this.engines.put(id, new EngineSlot(id, uuid, properties, this.clock.getAsLong()));
		return true;
	}

	/**
	 * An engine left: its unfinished tasks go to other engines if they have retries left, else their
	 * clients get an {@code EngineError}.
	 */
	public synchronized void engineLeft(int id, String reason) {
		EngineSlot slot = this.engines.remove(id);
		if (slot == null) {
			return;
		}
		int resubmitted = 0;
		int lost = 0;
		for (String msgId : new ArrayList<>(slot.outstanding())) {
			Task task = this.tasks.get(msgId);
			if (task == null) {
				continue;
			}
			if (task.retriesLeft() > 0 && task.hasParts()) {
				task.retryAfterFailureOn(id);
				this.ready.addFirst(task);
				count("retried");
				resubmitted++;
			}
			else {
				fail(task, MetadataKeys.ENGINE_ERROR,
						"engine " + id + " left the cluster (" + reason + ") before it finished the task", "lostWithEngine");
				lost++;
			}
		}
		logger.info("Engine " + id + " left (" + reason + "); " + this.engines.size() + " engines take tasks"
				+ ((resubmitted + lost > 0) ? "; of its " + (resubmitted + lost) + " unfinished tasks " + resubmitted
						+ " are resubmitted, " + lost + " end with EngineError" : ""));
		dispatchAndSend();
	}

	/** An engine's properties changed: tasks waiting for such an engine may now go to it. */
	public synchronized void propertiesChanged(int id, Map<String, String> properties) {
		EngineSlot slot = this.engines.get(id);
		if (slot == null) {
			return;
		}
		slot.properties(properties);
		logger.info("Engine " + id + " properties are now " + properties);
		dispatchAndSend();
	}

	/**
	 * A client's {@code properties_request} for engine {@code id} on its way to the engine: its changes
	 * ({@code null} removes a key) apply here at once, so a task the client sends once the engine has
	 * answered meets them, rather than the engine's announcement through the hub a moment later.
	 */
	public synchronized void propertiesSet(int id, Map<String, String> changes) {
		EngineSlot slot = this.engines.get(id);
		if (slot == null || changes.isEmpty()) {
			return;
		}
		Map<String, String> properties = new java.util.TreeMap<>(slot.properties());
		changes.forEach((key, value) -> {
			if (value == null) {
				properties.remove(key);
			}
			else {
				properties.put(key, value);
			}
		});
		propertiesChanged(id, properties);
	}

	/** Fails the unplaced tasks whose timeout passed. */
	public synchronized void checkDeadlines() {
		if (this.timed.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		for (Task task : new ArrayList<>(this.timed)) {
			if (task.deadlineNanos() - now > 0) {
				continue;
			}
			String waited = "not started within " + seconds(task.flags().timeout());
			if (task.state() == Task.State.WAITING) {
				fail(task, MetadataKeys.DEPENDENCY_TIMEOUT, waited + ": still waiting for its dependencies "
						+ pendingDependencies(task), "timedOut");
			}
			else if (task.state() == Task.State.READY) {
				List<EngineSlot> eligible = eligible(task);
				fail(task, MetadataKeys.TASK_TIMEOUT, waited + ": " + (eligible.isEmpty() ? whyNoEngine(task)
						: "every engine that may run it was busy (hwm " + hwmLabel() + ")"), "timedOut");
			}
		}
		dispatchAndSend();
	}

	/**
	 * Answers a client's {@code abort_request} for tasks: the ones still here end with
	 * {@code TaskAborted} at once; those on an engine are aborted there (and, with {@code cancel}, stopped
	 * if running). A task already running (without {@code cancel}) or finished is {@code already_done}.
	 */
	public synchronized void abort(Message request) {
		boolean cancel = "true".equals(request.content(MetadataKeys.CANCEL));
		List<String> aborted = new ArrayList<>();
		List<String> done = new ArrayList<>();
		Map<EngineSlot, List<String>> onEngines = new LinkedHashMap<>();
		for (String msgId : ids(request.content(MetadataKeys.MSG_IDS))) {
			Task task = this.tasks.get(msgId);
			if (task == null || !task.session().equals(request.header().session())) {
				done.add(msgId);
			}
			else if (task.state() != Task.State.ASSIGNED) {
				fail(task, MetadataKeys.TASK_ABORTED,
						"aborted before it started (abort_request " + request.header().msgId() + ")", "aborted");
				aborted.add(msgId);
			}
			else {
				EngineSlot slot = this.engines.get(task.engineId());
				if (slot == null || (!cancel && msgId.equals(slot.running()))) {
					done.add(msgId);
				}
				else {
					onEngines.computeIfAbsent(slot, key -> new ArrayList<>()).add(msgId);
					aborted.add(msgId);
				}
			}
		}
		onEngines.forEach((slot, ids) -> this.outbox.control(slot.uuid(), abortRequest(ids, cancel)));
		Map<String, String> content = new HashMap<>();
		content.put(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
		content.put(MetadataKeys.ABORTED, String.join(",", aborted));
		content.put(MetadataKeys.ALREADY_DONE, String.join(",", done));
		this.outbox.reply(request.header().session(), Replies.reply(request, SESSION, SESSION, Map.of(), content, List.of()));
		if (!aborted.isEmpty()) {
			logger.info((cancel ? "Cancelled " : "Aborted ") + aborted.size() + " task(s) for session "
					+ request.header().session() + " (" + onEngines.values().stream().mapToInt(List::size).sum()
					+ " on engines)");
		}
		dispatchAndSend();
	}

	/** An abort request of the scheduler's own; the engine's reply goes nowhere (no queue has this session). */
	public static Message abortRequest(List<String> msgIds, boolean cancel) {
		return Message.request(Header.create(MessageType.ABORT_REQUEST, SESSION, SESSION),
				Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_CONTROL),
				Map.of(MetadataKeys.MSG_IDS, String.join(",", msgIds), MetadataKeys.CANCEL, String.valueOf(cancel)),
				List.of());
	}

	/** Tasks per engine (queued, running, completed, failed) and unassigned; with {@code verbose}, their ids. */
	public synchronized Map<String, Object> queueStatus(boolean verbose) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("scheme", this.scheme.label());
		status.put("hwm", this.hwm);
		if (this.hwm == AUTO_HWM) {
			Map<Integer, Integer> credits = new TreeMap<>();
			this.engines.forEach((id, slot) -> credits.put(id, limit(slot)));
			status.put("credit", credits);
		}
		List<String> unassigned = new ArrayList<>();
		int waiting = 0;
		for (Task task : this.tasks.values()) {
			if (task.state() == Task.State.WAITING || task.state() == Task.State.READY) {
				unassigned.add(task.msgId());
				if (task.state() == Task.State.WAITING) {
					waiting++;
				}
			}
		}
		status.put("unassigned", unassigned.size());
		status.put("waiting", waiting);
		Map<String, Object> perEngine = new LinkedHashMap<>();
		this.engines.forEach((id, slot) -> {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("queued", Math.max(0, slot.load() - 1));
			one.put("running", Math.min(1, slot.load()));
			one.put("completed", slot.completed());
			one.put("failed", slot.failed());
			if (verbose) {
				one.put("tasks", List.copyOf(slot.outstanding()));
			}
			perEngine.put(String.valueOf(id), one);
		});
		status.put("engines", perEngine);
		if (verbose) {
			status.put("unassigned_tasks", unassigned);
		}
		return status;
	}

	/** What the scheduler did with tasks, and what it holds now. */
	public synchronized Map<String, Object> counts() {
		Map<String, Object> counts = new LinkedHashMap<>(this.counts);
		counts.put("held", this.tasks.size());
		counts.put("outcomesRemembered", this.outcomes.size());
		return counts;
	}

	/** A line for the log while tasks are held, or {@code null}. */
	public synchronized String progress() {
		if (this.tasks.isEmpty()) {
			return null;
		}
		long assigned = this.tasks.values().stream().filter(task -> task.state() == Task.State.ASSIGNED).count();
		return this.tasks.size() + " task(s) held: " + assigned + " on engines, " + (this.tasks.size() - assigned)
				+ " waiting for dependencies or an engine; " + this.counts.get("completed") + " completed, "
				+ this.counts.get("failed") + " failed so far";
	}

	// ---- the rules ----

	private void evaluate(Task task) {
		DependencyCheck after = check(task.flags().after());
		DependencyCheck follow = check(task.flags().follow());
		String impossible = (after.impossible() != null) ? "after: " + after.impossible()
				: (follow.impossible() != null) ? "follow: " + follow.impossible() : null;
		if (impossible != null) {
			fail(task, MetadataKeys.IMPOSSIBLE_DEPENDENCY, impossible, "impossible");
			return;
		}
		if (after.met() && follow.met()) {
			Set<Integer> location = location(task.flags().follow());
			if (location != null && location.isEmpty()) {
				fail(task, MetadataKeys.IMPOSSIBLE_DEPENDENCY,
						"follow: its dependencies ran on different engines, so no engine is where all of them ran",
						"impossible");
				return;
			}
			task.location(location);
			task.state(Task.State.READY);
			this.ready.addLast(task);
			return;
		}
		task.state(Task.State.WAITING);
		for (String msgId : after.pending()) {
			this.dependents.computeIfAbsent(msgId, key -> new LinkedHashSet<>()).add(task);
		}
		for (String msgId : follow.pending()) {
			this.dependents.computeIfAbsent(msgId, key -> new LinkedHashSet<>()).add(task);
		}
	}

	private record DependencyCheck(boolean met, String impossible, List<String> pending) {
	}

	private DependencyCheck check(Dependencies dependencies) {
		if (dependencies.isEmpty()) {
			return new DependencyCheck(true, null, List.of());
		}
		int met = 0;
		List<String> unmet = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		for (Dependencies.Entry entry : dependencies.entries()) {
			Outcomes.Outcome outcome = outcomeOf(entry);
			if (outcome == null) {
				if (!this.tasks.containsKey(entry.msgId())) {
					return new DependencyCheck(false, "it depends on " + entry.msgId()
							+ ", which is not a load-balanced task this scheduler knows (a direct request must finish first;"
							+ " the scheduler remembers the last " + OUTCOMES_REMEMBERED + " tasks)", List.of());
				}
				pending.add(entry.msgId());
			}
			else if (dependencies.metBy(outcome.succeeded())) {
				met++;
			}
			else {
				unmet.add(entry.msgId() + (outcome.succeeded() ? " succeeded" : " failed"));
			}
		}
		String wanted = (dependencies.success() ? "success" : "") + (dependencies.success() && dependencies.failure() ? " or " : "")
				+ (dependencies.failure() ? "failure" : "");
		if (dependencies.all()) {
			if (!unmet.isEmpty()) {
				return new DependencyCheck(false, "dependency " + String.join(", ", unmet) + " but it needs " + wanted
						+ " of all its dependencies", List.of());
			}
			return new DependencyCheck(pending.isEmpty(), null, pending);
		}
		if (met > 0) {
			return new DependencyCheck(true, null, List.of());
		}
		if (pending.isEmpty()) {
			return new DependencyCheck(false, "none of its dependencies ended with " + wanted + " ("
					+ String.join(", ", unmet) + ")", List.of());
		}
		return new DependencyCheck(false, null, pending);
	}

	private Outcomes.Outcome outcomeOf(Dependencies.Entry entry) {
		return entry.finished() ? new Outcomes.Outcome(entry.succeeded(), entry.engineId())
				: this.outcomes.get(entry.msgId());
	}

	/** The engines where the met follow dependencies ran (all: the one they share; any: each of them). */
	private Set<Integer> location(Dependencies follow) {
		if (follow.isEmpty()) {
			return null;
		}
		Set<Integer> location = null;
		for (Dependencies.Entry entry : follow.entries()) {
			Outcomes.Outcome outcome = outcomeOf(entry);
			if (outcome == null || !follow.metBy(outcome.succeeded()) || outcome.engineId() < 0) {
				continue;
			}
			if (location == null) {
				location = new TreeSet<>();
				location.add(outcome.engineId());
			}
			else if (follow.all()) {
				location.retainAll(Set.of(outcome.engineId()));
			}
			else {
				location.add(outcome.engineId());
			}
		}
		return (location != null) ? location : Set.of();
	}

	private List<EngineSlot> eligible(Task task) {
		List<EngineSlot> eligible = new ArrayList<>(this.engines.size());
		TaskFlags flags = task.flags();
		for (EngineSlot slot : this.engines.values()) {
			if (task.failedOn().contains(slot.id()) || (flags.targets() != null && !flags.targets().contains(slot.id()))
					|| (task.location() != null && !task.location().contains(slot.id()))
					|| !flags.requirement().matches(slot.properties())) {
				continue;
			}
			eligible.add(slot);
		}
		return eligible;
	}

	private String whyNoEngine(Task task) {
		TaskFlags flags = task.flags();
		List<String> reasons = new ArrayList<>();
		if (this.engines.isEmpty()) {
			return "no engine is registered";
		}
		if (flags.targets() != null) {
			reasons.add("it may only run on engines " + flags.targets());
		}
		if (task.location() != null) {
			reasons.add("it must follow its dependencies to engine(s) " + task.location());
		}
		if (!flags.requirement().isAny()) {
			Map<Integer, Map<String, String>> properties = new TreeMap<>();
			this.engines.forEach((id, slot) -> properties.put(id, new TreeMap<>(slot.properties())));
			reasons.add("it requires '" + flags.requirement() + "', which no engine's properties meet " + properties);
		}
		if (!task.failedOn().isEmpty()) {
			reasons.add("it already failed on engines " + new TreeSet<>(task.failedOn()));
		}
		return "no engine may run it: " + String.join("; ", reasons) + " (engines: " + this.engines.keySet() + ")";
	}

	private void dispatchAndSend() {
		dispatch();
		try {
			this.placements.forEach((uuid, tasks) -> {
				int batch = batch(limitOf(uuid));
				for (int from = 0; from < tasks.size(); from += batch) {
					this.outbox.place(uuid, tasks.subList(from, (int) Math.min(tasks.size(), (long) from + batch)));
				}
			});
		}
		catch (RuntimeException ex) {
			// the broker is gone: the deliveries of these tasks were not acknowledged, so they come back
			logger.warn("Could not place " + this.placedNow.size() + " task(s) (" + ex.getMessage()
					+ "); they are placed again when the broker delivers them again");
			this.placedNow.forEach(this::forget);
			this.placedNow.clear();
			this.placements.clear();
			return;
		}
		this.placements.clear();
		// published on: the deliveries they came in may go
		this.placedNow.forEach(Task::releaseReceipts);
		this.placedNow.clear();
	}

	/**
	 * The broker connection was lost: every task not yet safely placed will be delivered again (its
	 * delivery was never acknowledged), so it is forgotten here; tasks already placed stay, their
	 * engines still run them.
	 */
	public synchronized void brokerLost() {
		List<Task> unsafe = this.tasks.values().stream().filter(Task::holdsReceipts).toList();
		unsafe.forEach(this::forget);
		if (!unsafe.isEmpty()) {
			logger.warn("Lost the broker: forgot " + unsafe.size()
					+ " task(s) not yet placed on an engine; the broker delivers them again");
		}
	}

	/** Drops a task without an outcome or a reply: its request is coming back. */
	private void forget(Task task) {
		this.tasks.remove(task.msgId());
		this.timed.remove(task);
		this.ready.remove(task);
		this.dependents.values().forEach(waiting -> waiting.remove(task));
		if (task.state() == Task.State.ASSIGNED) {
			EngineSlot slot = this.engines.get(task.engineId());
			if (slot != null) {
				slot.outstanding().remove(task.msgId());
			}
		}
		task.state(Task.State.DONE);
	}

	private void dispatch() {
		if (this.engines.isEmpty()) {
			return;
		}
		List<Task> impossible = new ArrayList<>();
		int free = freeEngines();
		for (Iterator<Task> it = this.ready.iterator(); it.hasNext() && free > 0;) {
			Task task = it.next();
			if (task.state() != Task.State.READY) {
				it.remove();
				continue;
			}
			List<EngineSlot> eligible = eligible(task);
			if (eligible.isEmpty()) {
				if (task.flags().timeout() == null) {
					it.remove();
					impossible.add(task);
				}
				continue;
			}
			if (this.hwm != 0) {
				eligible.removeIf(this::full);
				if (eligible.isEmpty()) {
					continue;
				}
			}
			EngineSlot slot = this.scheme.choose(eligible, this.random);
			it.remove();
			assign(task, slot);
			if (this.hwm != 0 && full(slot)) {
				free--;
			}
		}
		for (Task task : impossible) {
			fail(task, MetadataKeys.IMPOSSIBLE_DEPENDENCY, whyNoEngine(task)
					+ "; give the task a timeout to let it wait for such an engine", "impossible");
		}
		if (!impossible.isEmpty()) {
			dispatch();
		}
	}

	private int freeEngines() {
		if (this.hwm == 0) {
			return Integer.MAX_VALUE;
		}
		int free = 0;
		for (EngineSlot slot : this.engines.values()) {
			if (!full(slot)) {
				free++;
			}
		}
		return free;
	}

	/**
	 * Whether an engine takes no more tasks now: it has {@code hwm} outstanding, or, while it is still
	 * being filled in this call, fewer free places than a batch holds. (An engine given part of a batch
	 * in this call fills it up; one that is working is given more only once a whole batch fits.)
	 */
	private boolean full(EngineSlot slot) {
		int limit = limit(slot);
		if (slot.load() >= limit) {
			return true;
		}
		List<byte[]> placing = this.placements.get(slot.uuid());
		boolean beingFilled = placing != null && !placing.isEmpty();
		return !beingFilled && limit - slot.load() < batch(limit);
	}

	private void assign(Task task, EngineSlot slot) {
		slot.assigned(task.msgId(), ++this.sequence);
		task.assignedTo(slot.id());
		this.timed.remove(task);
		this.placements.computeIfAbsent(slot.uuid(), key -> new ArrayList<>()).addAll(task.parts());
		this.placedNow.add(task);
		if (task.retriesLeft() == 0) {
			task.dropParts();
		}
		count("placed");
	}

	private void finish(int engineId, String msgId, boolean succeeded) {
		EngineSlot slot = this.engines.get(engineId);
		if (slot != null && slot.finished(msgId, succeeded)) {
			slot.credit().finished(1, this.clock.getAsLong());
		}
		Task task = this.tasks.get(msgId);
		if (task != null) {
			finished(task);
		}
		count(succeeded ? "completed" : "failed");
		this.outcomes.record(msgId, succeeded, engineId);
		release(msgId);
	}

	private void finished(Task task) {
		this.tasks.remove(task.msgId());
		this.timed.remove(task);
		task.state(Task.State.DONE);
		task.dropParts();
		task.releaseReceipts();
	}

	/** Ends a task here with an error reply of the scheduler's own. */
	private void fail(Task task, String ename, String evalue, String counter) {
		if (task.state() == Task.State.ASSIGNED) {
			EngineSlot slot = this.engines.get(task.engineId());
			if (slot != null) {
				slot.outstanding().remove(task.msgId());
			}
		}
		finished(task);
		count(counter);
		this.outcomes.record(task.msgId(), false, -1);
		logger.info("Task " + task.describe() + " of session " + task.session() + " ends with " + ename + ": "
				+ evalue);
		Map<String, String> content = new HashMap<>(Replies.errorContent(ename, evalue, ""));
		content.put(MetadataKeys.STDOUT, "");
		content.put(MetadataKeys.STDERR, "");
		Message reply = new Message(Header.create(MessageType.replyTo(task.header().msgType()), SESSION, SESSION),
				task.header(), Map.of(), content, List.of());
		this.outbox.reply(task.session(), reply);
		release(task.msgId());
	}

	/** Re-evaluates the tasks waiting for {@code msgId}; iterative, so long chains cannot overflow the stack. */
	private void release(String msgId) {
		this.releases.add(msgId);
		if (this.releasing) {
			return;
		}
		this.releasing = true;
		try {
			String next;
			while ((next = this.releases.poll()) != null) {
				Set<Task> waiting = this.dependents.remove(next);
				if (waiting == null) {
					continue;
				}
				for (Task task : waiting) {
					if (task.state() == Task.State.WAITING) {
						evaluate(task);
					}
				}
			}
		}
		finally {
			this.releasing = false;
		}
	}

	private List<String> pendingDependencies(Task task) {
		List<String> pending = new ArrayList<>();
		for (Dependencies dependencies : List.of(task.flags().after(), task.flags().follow())) {
			for (Dependencies.Entry entry : dependencies.entries()) {
				if (outcomeOf(entry) == null) {
					pending.add(entry.msgId());
				}
			}
		}
		return pending;
	}

	private void count(String name) {
		this.counts.merge(name, 1L, Long::sum);
	}

	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.3g s", duration.toNanos() / 1e9);
	}

	private static List<String> ids(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
	}

}
