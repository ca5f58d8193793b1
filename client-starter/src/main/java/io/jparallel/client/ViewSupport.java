package io.jparallel.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import io.jparallel.client.internal.ClassServer;
import io.jparallel.client.internal.RequestDispatcher;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.wire.Digests;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
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
	static final int LOAD_BALANCED = -1;

	/** How long control requests (abort, shutdown) may take to be acknowledged. */
	static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

	private final RequestDispatcher dispatcher;

	private final ClassServer classServer;

	private final ClassLoader resultLoader;

	private final Map<Object, byte[]> encodedFunctions = new java.util.concurrent.ConcurrentHashMap<>();

	private final Supplier<List<Integer>> engineIds;

	ViewSupport(RequestDispatcher dispatcher, ClassServer classServer, ClassLoader resultLoader,
			Supplier<List<Integer>> engineIds) {
		this.dispatcher = dispatcher;
		this.classServer = classServer;
		this.resultLoader = resultLoader;
		this.engineIds = engineIds;
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
		return ValueCodec.decode(buffer, this.resultLoader);
	}

	/** One request per target, or, for a broadcast, one request the scheduler copies to every target. */
	private List<Submission> send(String msgType, Map<String, String> content, List<byte[]> buffers,
			List<Integer> targets, boolean broadcast) {
		if (broadcast) {
			return this.dispatcher.submitBroadcast(msgType, targets, content, buffers);
		}
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(this.dispatcher.submit(msgType, target, content, buffers));
		}
		return submissions;
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
		List<byte[]> buffers = new ArrayList<>(args.length + 1);
		buffers.add(encodeFunction(function));
		for (Object arg : args) {
			buffers.add(encodeValue(arg));
		}
		return send(MessageType.APPLY_REQUEST, Map.of(), buffers, targets, broadcast);
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
		int length = checkLengths(sequences);
		byte[] encodedFunction = encodeFunction(function);
		List<Submission> submissions = new ArrayList<>(chunks);
		for (int chunk = 0; chunk < chunks; chunk++) {
			int from = (int) ((long) length * chunk / chunks);
			int to = (int) ((long) length * (chunk + 1) / chunks);
			if (from == to) {
				continue;
			}
			List<byte[]> buffers = new ArrayList<>(sequences.size() + 1);
			buffers.add(encodedFunction);
			for (List<?> sequence : sequences) {
				buffers.add(ValueCodec.encode(new ArrayList<>(sequence.subList(from, to))));
			}
			submissions.add(this.dispatcher.submit(MessageType.APPLY_REQUEST, targets.get(chunk % targets.size()),
					Map.of("mode", "map"), buffers));
		}
		return submissions;
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

	/** Sends each engine the ids of its requests to skip; the ids that will not run. */
	List<String> abort(Collection<String> msgIds, boolean mustBePending) {
		Map<String, List<Integer>> targets = this.dispatcher.pendingTargets(msgIds);
		List<String> finished = msgIds.stream().filter(id -> !targets.containsKey(id)).distinct().toList();
		if (!finished.isEmpty() && (mustBePending || targets.isEmpty())) {
			throw new IllegalStateException("Cannot abort " + finished + ": "
					+ (finished.size() == 1 ? "it has" : "they have")
					+ " already finished (or " + (finished.size() == 1 ? "is not a request" : "are not requests")
					+ " of this client)");
		}
		Map<Integer, List<String>> byEngine = new TreeMap<>();
		targets.forEach((msgId, engines) -> {
			for (int engine : engines) {
				List<Integer> to = (engine >= 0) ? List.of(engine) : this.engineIds.get();
				to.forEach(id -> byEngine.computeIfAbsent(id, key -> new ArrayList<>()).add(msgId));
			}
		});
		List<Submission> requests = new ArrayList<>();
		byEngine.forEach((engine, ids) -> requests.add(this.dispatcher.submitControl(MessageType.ABORT_REQUEST,
				engine, Map.of(MetadataKeys.MSG_IDS, String.join(",", ids)))));
		List<Message> replies = this.<List<Message>>result(requests, false, reply -> reply, ViewSupport::all, false)
			.get(CONTROL_TIMEOUT);
		Set<String> aborted = new LinkedHashSet<>();
		Set<String> done = new LinkedHashSet<>();
		for (Message reply : replies) {
			aborted.addAll(ids(reply.content(MetadataKeys.ABORTED)));
			done.addAll(ids(reply.content(MetadataKeys.ALREADY_DONE)));
		}
		done.removeAll(aborted);
		if (aborted.isEmpty()) {
			throw new IllegalStateException("Cannot abort " + targets.keySet() + ": the engines had already run "
					+ (done.isEmpty() ? "them" : done) + " (their results are on the way)");
		}
		return List.copyOf(aborted);
	}

	/** Aborts whatever this client sent to {@code engines} that has not run yet; the ids that will not run. */
	List<String> abortAll(List<Integer> engines) {
		List<String> waiting = this.dispatcher.pendingOn(engines);
		if (waiting.isEmpty()) {
			return List.of();
		}
		try {
			return abort(waiting, false);
		}
		catch (IllegalStateException ex) {
			// all of it ran meanwhile: nothing left to abort
			return List.of();
		}
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
		result(requests, false, this.nothing, values -> null, false).get(CONTROL_TIMEOUT);
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
		AsyncResult<T> result = new AsyncResult<>(submissions, single, decoder, combiner);
		if (block) {
			result.get();
		}
		return result;
	}

	private byte[] encodeValue(Object value) {
		if (value != null) {
			this.classServer.remember(value.getClass().getClassLoader());
		}
		return ValueCodec.encode(value);
	}

	private static List<String> ids(String commaSeparated) {
		return (commaSeparated == null || commaSeparated.isBlank()) ? List.of()
				: List.of(commaSeparated.split(","));
	}


	private byte[] encodeFunction(Object function) {
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
		this.classServer.remember(function.getClass().getClassLoader());
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
