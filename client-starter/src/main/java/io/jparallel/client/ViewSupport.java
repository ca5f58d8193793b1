package io.jparallel.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.jparallel.client.internal.Dispatcher;
import io.jparallel.client.internal.JShellGlobals;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.wire.Digests;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.GlobalVariable;
import io.jparallel.protocol.tasks.PropertyMaps;
import io.jparallel.protocol.value.ValueCodec;

/** What every view does underneath: turns calls into requests and replies into values. */
final class ViewSupport {

	/** Whether a function class has no fields, i.e. captures nothing; computed once per class. */
	private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return type.getDeclaredFields().length == 0;
		}
	};

	/** Target of a load-balanced request. */
	static final int LOAD_BALANCED = Dispatcher.LOAD_BALANCED;

	private static final Map<String, String> MAP_CONTENT = Map.of("mode", "map");

	/** How long control requests (abort, shutdown) may take to be acknowledged. */
	static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

	private final Dispatcher dispatcher;

	private final Consumer<ClassLoader> classes;

	private final ClassLoader resultLoader;

	private final Map<Object, byte[]> encodedFunctions = new java.util.concurrent.ConcurrentHashMap<>();

	private final Supplier<List<Integer>> engineIds;

	private final TaskRecovery recovery = new TaskRecovery();

	private final DependencyResolver dependencies;

	/**
	 * @param dispatcher sends requests
	 * @param classes told the class loader of every function and value shipped, so engines can fetch its classes
	 * @param resultLoader loads the classes of results
	 * @param engineIds the engines registered now
	 */
	ViewSupport(Dispatcher dispatcher, Consumer<ClassLoader> classes, ClassLoader resultLoader,
			Supplier<List<Integer>> engineIds) {
		this.dispatcher = dispatcher;
		this.classes = classes;
		this.resultLoader = resultLoader;
		this.engineIds = engineIds;
		this.dependencies = new DependencyResolver(dispatcher, this.recovery);
	}

	final AsyncResult.ReplyDecoder value = reply -> reply.buffers().isEmpty() ? null
			: decode(reply.buffers().get(0));

	final AsyncResult.ReplyDecoder display = reply -> reply.content("display");

	final AsyncResult.ReplyDecoder nothing = reply -> null;

	final AsyncResult.ReplyDecoder values = reply -> {
		List<Object> decoded = new ArrayList<>(reply.buffers().size());
		for (byte[] buffer : reply.buffers()) {
			decoded.add(decode(buffer));
		}
		return decoded;
	};

	private Object decode(byte[] buffer) throws Exception {
		return this.dispatcher.decodeValue(buffer, this.resultLoader);
	}

	/** One request per target, or, for a broadcast, one request the scheduler copies to every target. */
	private List<Submission> send(String msgType, Map<String, String> content, List<byte[]> buffers,
			List<Integer> targets, boolean broadcast) {
		if (broadcast) {
			return this.dispatcher.submitBroadcast(msgType, targets, content, buffers);
		}
		return this.dispatcher.submitEach(msgType, targets, content, buffers);
	}

	List<Submission> execute(String code, List<Integer> targets) {
		return execute(code, targets, false);
	}

	List<Submission> execute(String code, List<Integer> targets, boolean broadcast) {
		return send(MessageType.EXECUTE_REQUEST, Map.of("code", code), List.of(), targets, broadcast);
	}

	/** One call of {@code function(args)} on each target ({@link #LOAD_BALANCED} for any engine). */
	List<Submission> apply(Object function, Object[] args, List<Integer> targets) {
		return apply(function, args, targets, false);
	}

	List<Submission> apply(Object function, Object[] args, List<Integer> targets, boolean broadcast) {
		ApplyPayload payload = payload(function).withArguments(encodeArguments(args));
		return send(MessageType.APPLY_REQUEST, payload.content(Map.of()), payload.buffers(), targets, broadcast);
	}

	private List<byte[]> encodeArguments(Object[] args) {
		List<byte[]> buffers = new ArrayList<>(args.length);
		for (Object arg : args) {
			buffers.add(encodeValue(arg));
		}
		return buffers;
	}

	/** A fresh namespace on each target, where this client's shipped classes are forgotten. */
	List<Submission> clear(List<Integer> targets, boolean broadcast) {
		return send(MessageType.CLEAR_REQUEST, Map.of(), List.of(), targets, broadcast);
	}

	/** Makes a jar's classes available to code and functions on each target. */
	List<Submission> addClasspath(Path jar, List<Integer> targets, boolean broadcast) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(jar);
		}
		catch (IOException ex) {
			throw new JParallelException("Cannot read " + jar + ": " + ex.getMessage(), ex);
		}
		Map<String, String> content = Map.of(MetadataKeys.JAR_NAME, jar.getFileName().toString(),
				MetadataKeys.JAR_SHA256, Digests.sha256(bytes));
		return send(MessageType.ADD_CLASSPATH_REQUEST, content, List.of(bytes), targets, broadcast);
	}

	/**
	 * Splits the sequences into chunks and sends one map request per chunk; chunk {@code i} goes to
	 * {@code targets.get(i % targets.size())}.
	 */
	List<Submission> map(Object function, List<List<?>> sequences, List<Integer> targets, int chunks) {
		ApplyPayload payload = payload(function);
		Map<String, String> content = payload.content(MAP_CONTENT);
		List<Submission> submissions = new ArrayList<>(chunks);
		List<List<List<?>>> parts = chunks(sequences, chunks);
		for (int chunk = 0; chunk < parts.size(); chunk++) {
			submissions.add(this.dispatcher.submit(MessageType.APPLY_REQUEST, targets.get(chunk % targets.size()),
					content, payload.withArguments(mapArguments(parts.get(chunk))).buffers()));
		}
		return submissions;
	}

	/** As {@link #map(Object, List, List, int)}, each chunk a load-balanced task with these flags. */
	List<Submission> mapTasks(Object function, List<List<?>> sequences, int chunks, TaskFlags flags) {
		ApplyPayload payload = payload(function);
		List<Submission> submissions = new ArrayList<>(chunks);
		for (List<List<?>> part : chunks(sequences, chunks)) {
			submissions.add(mapTask(payload, part, flags));
		}
		return submissions;
	}

	/** One load-balanced map task over one chunk (a list per sequence) of an encoded function. */
	Submission mapTask(ApplyPayload function, List<List<?>> chunk, TaskFlags flags) {
		return task(MessageType.APPLY_REQUEST, function.content(MAP_CONTENT),
				function.withArguments(mapArguments(chunk)).buffers(), flags);
	}

	private static List<byte[]> mapArguments(List<List<?>> chunk) {
		List<byte[]> buffers = new ArrayList<>(chunk.size());
		for (List<?> items : chunk) {
			buffers.add(ValueCodec.encode(items));
		}
		return buffers;
	}

	/** The sequences split into {@code chunks} contiguous parts of near-equal size (empty parts left out). */
	private static List<List<List<?>>> chunks(List<List<?>> sequences, int chunks) {
		int length = checkLengths(sequences);
		List<List<List<?>>> parts = new ArrayList<>(chunks);
		for (int chunk = 0; chunk < chunks; chunk++) {
			int from = (int) ((long) length * chunk / chunks);
			int to = (int) ((long) length * (chunk + 1) / chunks);
			if (from == to) {
				continue;
			}
			List<List<?>> part = new ArrayList<>(sequences.size());
			for (List<?> sequence : sequences) {
				part.add(new ArrayList<>(sequence.subList(from, to)));
			}
			parts.add(part);
		}
		return parts;
	}

	/** One call of {@code function(args)} as a load-balanced task with these flags. */
	Submission applyTask(Object function, Object[] args, TaskFlags flags) {
		ApplyPayload payload = payload(function).withArguments(encodeArguments(args));
		return task(MessageType.APPLY_REQUEST, payload.content(Map.of()), payload.buffers(), flags);
	}

	/** Code as a load-balanced task with these flags. */
	Submission executeTask(String code, TaskFlags flags) {
		return task(MessageType.EXECUTE_REQUEST, Map.of("code", code), List.of(), flags);
	}

	/** A {@link StringTask}: its code, with its pushed values as buffers and its pulled names. */
	Submission runTask(StringTask task, TaskFlags flags) {
		Map<String, String> content = new HashMap<>(4);
		content.put("code", task.code());
		List<byte[]> buffers = new ArrayList<>(task.pushed().size());
		if (!task.pushed().isEmpty()) {
			content.put(MetadataKeys.PUSH_NAMES, String.join(",", task.pushed().keySet()));
			task.pushed().values().forEach(value -> buffers.add(encodeValue(value)));
		}
		if (!task.pulled().isEmpty()) {
			content.put(MetadataKeys.PULL_NAMES, String.join(",", task.pulled()));
		}
		TaskFlags clearing = flags.clearBefore(flags.clearBefore() || task.clearsBefore())
			.clearAfter(flags.clearAfter() || task.clearsAfter());
		return task(MessageType.EXECUTE_REQUEST, content, buffers, clearing);
	}

	/**
	 * Sends one load-balanced task with the flags' metadata; with a recovery flag, the submission stands
	 * for the task and its recovery.
	 */
	Submission task(String msgType, Map<String, String> content, List<byte[]> buffers, TaskFlags flags) {
		checkTargets(flags.targets());
		Submission first = this.dispatcher.submitTask(msgType, content, buffers,
				flags.metadata(this.dependencies::resolve));
		if (flags.recovery() == null) {
			return first;
		}
		TaskFlags recoveryFlags = TaskFlags.DEFAULTS.targets(flags.targets()).require(flags.require());
		TaskFlags lastAttempt = flags.recovery(null).retries(0);
		return this.recovery.watch(first,
				() -> applyTask(flags.recovery(), new Object[0], recoveryFlags),
				() -> task(msgType, content, buffers, lastAttempt));
	}

	private void checkTargets(List<Integer> targets) {
		if (targets.isEmpty()) {
			return;
		}
		List<Integer> registered = this.engineIds.get();
		if (targets.stream().noneMatch(registered::contains)) {
			throw new IllegalArgumentException("None of the target engines " + targets + " is registered (engines: "
					+ registered + ")");
		}
	}

	List<Submission> push(Map<String, ?> namespace, List<Integer> targets) {
		return push(namespace, targets, false);
	}

	List<Submission> push(Map<String, ?> namespace, List<Integer> targets, boolean broadcast) {
		List<byte[]> buffers = new ArrayList<>(namespace.size());
		for (Object value : namespace.values()) {
			buffers.add(encodeValue(value));
		}
		Map<String, String> content = Map.of("names", String.join(",", namespace.keySet()));
		return send(MessageType.PUSH_REQUEST, content, buffers, targets, broadcast);
	}

	List<Submission> pull(List<String> names, List<Integer> targets) {
		return pull(names, targets, false);
	}

	List<Submission> pull(List<String> names, List<Integer> targets, boolean broadcast) {
		if (names.isEmpty()) {
			throw new IllegalArgumentException("pull needs at least one variable name");
		}
		return send(MessageType.PULL_REQUEST, Map.of("names", String.join(",", names)), List.of(), targets, broadcast);
	}

	/**
	 * Scatters a sequence: target {@code p} of {@code q} gets the contiguous part ipyparallel gives it
	 * (the first {@code n % q} targets one element more), as a list (or an array of the same type);
	 * with {@code flatten}, a part of exactly one element is pushed as that element.
	 */
	List<Submission> scatter(String name, Object sequence, List<Integer> targets, boolean flatten) {
		int length = Sequences.length(sequence);
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int p = 0; p < targets.size(); p++) {
			int[] range = Sequences.partition(length, p, targets.size());
			Object part = Sequences.slice(sequence, range[0], range[1]);
			if (flatten && range[1] - range[0] == 1) {
				part = Sequences.element(sequence, range[0]);
			}
			Map<String, Object> namespace = new HashMap<>(1);
			namespace.put(name, part);
			submissions.addAll(push(namespace, List.of(targets.get(p)), false));
		}
		return submissions;
	}

	/**
	 * Stops the unanswered ones of {@code submissions}: see {@link #abort(Collection, boolean, boolean)}.
	 * @throws IllegalStateException if all of them have finished
	 */
	List<String> stop(List<Submission> submissions, boolean cancelRunning) {
		List<String> unanswered = submissions.stream()
			.filter(submission -> !submission.reply().isDone())
			.map(Submission::msgId)
			.distinct()
			.toList();
		if (unanswered.isEmpty()) {
			throw new IllegalStateException("Cannot abort " + submissions.stream().map(Submission::msgId).distinct().toList()
					+ ": already finished");
		}
		return abort(unanswered, false, cancelRunning);
	}

	/**
	 * Asks for requests of this client to be skipped: load-balanced tasks through the scheduler, direct
	 * requests through their engines' control queues; the ids that will not run.
	 * @param mustBePending whether an id that has already finished is an error (else it is passed over)
	 * @param cancelRunning whether requests already running are stopped too
	 * @throws IllegalStateException if none of them can be aborted any more
	 */
	List<String> abort(Collection<String> msgIds, boolean mustBePending, boolean cancelRunning) {
		List<String> current = msgIds.stream().map(this.recovery::currentId).distinct().toList();
		Map<String, List<Integer>> targets = this.dispatcher.pendingTargets(current);
		List<String> finished = current.stream().filter(id -> !targets.containsKey(id)).toList();
		if (!finished.isEmpty() && (mustBePending || targets.isEmpty())) {
			throw new IllegalStateException("Cannot abort " + finished + ": "
					+ (finished.size() == 1 ? "it has" : "they have")
					+ " already finished (or " + (finished.size() == 1 ? "is not a request" : "are not requests")
					+ " of this client)");
		}
		List<String> tasks = new ArrayList<>();
		Map<Integer, List<String>> byEngine = new TreeMap<>();
		targets.forEach((msgId, engines) -> {
			for (int engine : engines) {
				if (engine == LOAD_BALANCED) {
					tasks.add(msgId);
				}
				else if (engine >= 0) {
					byEngine.computeIfAbsent(engine, key -> new ArrayList<>()).add(msgId);
				}
			}
		});
		List<Submission> requests = new ArrayList<>();
		if (!tasks.isEmpty()) {
			requests.add(this.dispatcher.submitToScheduler(MessageType.ABORT_REQUEST, abortContent(tasks, cancelRunning)));
		}
		byEngine.forEach((engine, ids) -> requests.add(this.dispatcher.submitControl(MessageType.ABORT_REQUEST,
				engine, abortContent(ids, cancelRunning))));
		Set<String> aborted = new LinkedHashSet<>();
		Set<String> done = new LinkedHashSet<>();
		for (Message reply : awaitReplies(requests, "abort")) {
			aborted.addAll(ids(reply.content(MetadataKeys.ABORTED)));
			done.addAll(ids(reply.content(MetadataKeys.ALREADY_DONE)));
		}
		done.removeAll(aborted);
		if (aborted.isEmpty()) {
			throw new IllegalStateException("Cannot abort " + targets.keySet() + ": "
					+ (tasks.isEmpty() ? "the engines" : "the engines and scheduler") + " had already run "
					+ (done.isEmpty() ? "them" : done) + " (their results are on the way)");
		}
		return List.copyOf(aborted);
	}

	private static Map<String, String> abortContent(List<String> msgIds, boolean cancelRunning) {
		return cancelRunning
				? Map.of(MetadataKeys.MSG_IDS, String.join(",", msgIds), MetadataKeys.CANCEL, "true")
				: Map.of(MetadataKeys.MSG_IDS, String.join(",", msgIds));
	}

	/** Aborts whatever this client sent to {@code engines} that has not run yet; the ids that will not run. */
	List<String> abortAll(List<Integer> engines) {
		List<String> waiting = this.dispatcher.pendingOn(engines);
		if (waiting.isEmpty()) {
			return List.of();
		}
		try {
			return abort(waiting, false, false);
		}
		catch (IllegalStateException ex) {
			// all of it ran meanwhile: nothing left to abort
			return List.of();
		}
	}

	/** What the scheduler holds: its queues per engine, and with {@code verbose} the ids of the tasks in them. */
	QueueStatus queueStatus(boolean verbose) {
		Submission request = this.dispatcher.submitToScheduler(MessageType.QUEUE_STATUS_REQUEST,
				Map.of(MetadataKeys.VERBOSE, String.valueOf(verbose)));
		return QueueStatus.parse(awaitReplies(List.of(request), "queue status").get(0).content(MetadataKeys.QUEUE_STATUS));
	}

	/**
	 * Each target's properties, after setting {@code set} on it if not {@code null} (a null value removes
	 * the key), by engine id in target order.
	 */
	Map<Integer, Map<String, String>> properties(List<Integer> targets, Map<String, ?> set) {
		Map<String, String> content = Map.of();
		if (set != null) {
			Map<String, String> values = new TreeMap<>();
			set.forEach((key, value) -> {
				if (key == null || key.isBlank()) {
					throw new IllegalArgumentException("A property needs a name, got '" + key + "'");
				}
				values.put(key, (value != null) ? String.valueOf(value) : null);
			});
			content = Map.of(MetadataKeys.SET, PropertyMaps.toJson(values));
		}
		List<Submission> requests = new ArrayList<>(targets.size());
		for (int target : targets) {
			requests.add(this.dispatcher.submitControl(MessageType.PROPERTIES_REQUEST, target, content));
		}
		List<Message> replies = awaitReplies(requests, "properties");
		Map<Integer, Map<String, String>> properties = new LinkedHashMap<>();
		for (int i = 0; i < targets.size(); i++) {
			properties.put(targets.get(i), Collections.unmodifiableMap(
					new TreeMap<>(PropertyMaps.fromJson(replies.get(i).content(MetadataKeys.PROPERTIES)))));
		}
		return properties;
	}

	/**
	 * Waits at most {@link #CONTROL_TIMEOUT} for the replies to control or scheduler requests, in order.
	 * @throws JParallelException if one did not come or was an error
	 */
	private List<Message> awaitReplies(List<Submission> requests, String what) {
		CompletableFuture<?> all = CompletableFuture
			.allOf(requests.stream().map(Submission::reply).toArray(CompletableFuture[]::new));
		if (!AsyncResult.awaitQuietly(all, CONTROL_TIMEOUT)) {
			boolean scheduler = requests.stream().anyMatch(request -> request.target() == Dispatcher.SCHEDULER
					&& !request.reply().isDone());
			throw new JParallelException("No answer to the " + what + " request within " + CONTROL_TIMEOUT.toSeconds()
					+ " s from " + (scheduler ? "the scheduler (is it running?)" : "engines "
							+ requests.stream().filter(r -> !r.reply().isDone()).map(Submission::target).toList()));
		}
		List<Message> replies = new ArrayList<>(requests.size());
		List<RemoteError> errors = new ArrayList<>();
		for (Submission request : requests) {
			Message reply;
			try {
				reply = request.reply().join();
			}
			catch (java.util.concurrent.CompletionException ex) {
				throw new JParallelException("The " + what + " request failed: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			if (MetadataKeys.STATUS_ERROR.equals(reply.content(MetadataKeys.STATUS))) {
				if (request.target() == Dispatcher.SCHEDULER) {
					throw new JParallelException("The scheduler refused the " + what + " request: "
							+ reply.content(MetadataKeys.ENAME) + ": " + reply.content(MetadataKeys.EVALUE));
				}
				errors.add(RemoteError.of(request.target(), what, reply.content(MetadataKeys.ENAME),
						reply.content(MetadataKeys.EVALUE), reply.content(MetadataKeys.TRACEBACK)));
			}
			replies.add(reply);
		}
		if (!errors.isEmpty()) {
			throw (errors.size() == 1) ? errors.get(0) : new CompositeError(errors);
		}
		return replies;
	}

	/**
	 * Asks each target to shut down, waits until each has said it will, then until the hub has
	 * announced each gone (so {@code ids()} no longer lists them).
	 */
	void shutdown(List<Integer> targets) {
		List<Submission> requests = new ArrayList<>(targets.size());
		for (int target : targets) {
			requests.add(this.dispatcher.submitControl(MessageType.SHUTDOWN_REQUEST, target, Map.of()));
		}
		awaitReplies(requests, "shutdown");
		long deadline = System.nanoTime() + CONTROL_TIMEOUT.toNanos();
		while (this.engineIds.get().stream().anyMatch(targets::contains)) {
			if (System.nanoTime() > deadline) {
				List<Integer> left = this.engineIds.get().stream().filter(targets::contains).toList();
				throw new JParallelException("Engines " + left + " accepted the shutdown but are still registered after "
						+ CONTROL_TIMEOUT.toSeconds() + " s");
			}
			LockSupport.parkNanos(20_000_000L);
		}
	}

	/** Every reply this client still waits for. */
	CompletableFuture<?> outstanding() {
		return CompletableFuture.allOf(this.dispatcher.pendingReplies().toArray(CompletableFuture[]::new));
	}

	List<Integer> engineIds() {
		return this.engineIds.get();
	}

	<T> AsyncResult<T> result(List<Submission> submissions, boolean single, AsyncResult.ReplyDecoder decoder,
			Function<List<Object>, T> combiner, boolean block) {
		AsyncResult<T> result = new AsyncResult<>(submissions, single, decoder, combiner, this::stop);
		if (block) {
			result.get();
		}
		return result;
	}

	byte[] encodeValue(Object value) {
		if (value != null) {
			this.classes.accept(value.getClass().getClassLoader());
		}
		return this.dispatcher.encodeValue(value);
	}

	private static List<String> ids(String commaSeparated) {
		return (commaSeparated == null || commaSeparated.isBlank()) ? List.of()
				: List.of(commaSeparated.split(","));
	}


	/**
	 * The encoded function with the current values of the JShell top-level variables it reads (see
	 * {@link JShellGlobals}), which the engine sets before calling it.
	 * @throws IllegalArgumentException if the function, or a variable it reads, cannot be sent
	 */
	ApplyPayload payload(Object function) {
		byte[] encoded = encodeFunction(function);
		Object code = (function instanceof WrappedFunction wrapper) ? wrapper.wrapped() : function;
		List<JShellGlobals.ReadVariable> read = JShellGlobals.readBy(code);
		if (read.isEmpty()) {
			return ApplyPayload.of(encoded, List.of(), List.of());
		}
		List<GlobalVariable> globals = new ArrayList<>(read.size());
		List<byte[]> values = new ArrayList<>(read.size());
		for (JShellGlobals.ReadVariable variable : read) {
			try {
				values.add(encodeValue(variable.value()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("the lambda reads JShell variable '" + variable.name() + "' ("
						+ variable.type().getTypeName() + "), which cannot be sent to engines: " + ex.getMessage(), ex);
			}
			globals.add(variable.variable());
		}
		return ApplyPayload.of(encoded, globals, values);
	}

	/** A function of the client's that runs another object's code (an executor's {@code Callable}, say). */
	interface WrappedFunction {

		/** The object whose code runs: where the JShell variables it reads are looked for. */
		Object wrapped();

	}

	byte[] encodeFunction(Object function) {
		if (function == null) {
			throw new IllegalArgumentException("function must not be null");
		}
		if (!(function instanceof java.io.Serializable)) {
			throw new IllegalArgumentException("Cannot send " + function.getClass().getName()
					+ " to an engine: it is not Serializable. Write it as an Fn0..Fn4 lambda (e.g. Fn0<Integer> task = () -> 42;)"
					+ " or cast it to an intersection type such as (Callable<Integer> & Serializable)");
		}
		byte[] cached = this.encodedFunctions.get(function);
		if (cached != null) {
			return cached;
		}
		this.classes.accept(function.getClass().getClassLoader());
		byte[] encoded = ValueCodec.encode(function);
		// Only stateless functions: one with captured values may be the same object with new state.
		if (STATELESS.get(function.getClass())) {
			if (this.encodedFunctions.size() > 1024) {
				this.encodedFunctions.clear();
			}
			this.encodedFunctions.put(function, encoded);
		}
		return encoded;
	}

	static List<List<?>> sequences(Iterable<?>... iterables) {
		List<List<?>> lists = new ArrayList<>(iterables.length);
		for (Iterable<?> iterable : iterables) {
			if (iterable instanceof List<?> list) {
				lists.add(list);
			}
			else {
				List<Object> list = new ArrayList<>();
				for (Iterator<?> it = iterable.iterator(); it.hasNext();) {
					list.add(it.next());
				}
				lists.add(list);
			}
		}
		return lists;
	}

	private static int checkLengths(List<List<?>> sequences) {
		int length = sequences.get(0).size();
		for (List<?> sequence : sequences) {
			if (sequence.size() != length) {
				throw new IllegalArgumentException(
						"map needs sequences of equal length, got " + length + " and " + sequence.size());
			}
		}
		return length;
	}

	@SuppressWarnings("unchecked")
	static <T> T first(List<Object> values) {
		return (T) values.get(0);
	}

	@SuppressWarnings("unchecked")
	static <T> List<T> all(List<Object> values) {
		return (List<T>) (List<?>) values;
	}

	@SuppressWarnings("unchecked")
	static <T> List<T> flatten(List<Object> chunks) {
		List<T> flat = new ArrayList<>();
		for (Object chunk : chunks) {
			flat.addAll((List<T>) chunk);
		}
		return flat;
	}

}
