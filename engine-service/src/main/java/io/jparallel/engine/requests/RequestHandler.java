package io.jparallel.engine.requests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.bulk.BulkTransfers;
import io.jparallel.engine.bulk.FetchedRequest;
import io.jparallel.engine.classes.AmqpClassFetcher;
import io.jparallel.engine.classes.PeerClassLoaders;
import io.jparallel.engine.kernel.ExecutionOutcome;
import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.engine.kernel.OutputCapture;
import io.jparallel.engine.notices.SchedulerNotices;
import io.jparallel.engine.notices.TaskDoneReport;
import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.Invocation;
import io.jparallel.protocol.value.ValueCodec;

/**
 * Runs one verified request at a time and publishes the reply to the requesting client's session:
 * {@code execute} (code in the JShell namespace), {@code apply} (a shipped function, called once or
 * mapped over argument lists), {@code push} and {@code pull} (namespace variables), {@code clear} (a
 * fresh namespace, and the requesting client's shipped classes and cached functions dropped) and
 * {@code add_classpath} (a jar for snippets and shipped functions, see {@link Libraries}). What the
 * request printed comes back with the reply; a failure comes back as an error reply with the remote
 * stack trace.
 * <p>
 * A request that the {@link RequestLedger} says was aborted does not run: it is answered with an error
 * named {@value MetadataKeys#TASK_ABORTED}. Every reply carries the engine's execution count (see
 * {@link EngineReplies}).
 * <p>
 * {@code apply} and {@code execute} run on the {@link RequestRunner}'s thread, so that an abort with
 * {@code cancel} can stop them while they run (they are answered with {@code TaskAborted} at once). With
 * metadata {@value MetadataKeys#CLEAR_BEFORE} / {@value MetadataKeys#CLEAR_AFTER} {@code "true"} they get
 * a fresh namespace before / after they run (after: also when they failed or were cancelled). An
 * {@code execute} may carry values to push before its code runs ({@value MetadataKeys#PUSH_NAMES}, one
 * buffer each) and name variables to pull after it ran ({@value MetadataKeys#PULL_NAMES}, returned as the
 * reply's buffers).
 * <p>
 * The scheduler hears about the tasks it placed on this engine (see {@link SchedulerNotices}): after the
 * replies of a delivery are out, one {@code task_done}; a failed task it may retry is answered to the
 * scheduler instead of the client.
 */
@Component
public class RequestHandler {

	private static final Log logger = LogFactory.getLog(RequestHandler.class);

	/** Content keys of requests. */
	public static final String CODE = "code";

	public static final String MODE = "mode";

	public static final String MODE_MAP = "map";

	public static final String NAMES = "names";

	/** Content keys of an {@code add_classpath} request (and {@link #PATH}, of its reply). */
	public static final String NAME = MetadataKeys.JAR_NAME;

	public static final String SHA256 = MetadataKeys.JAR_SHA256;

	public static final String PATH = MetadataKeys.JAR_PATH;

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	private final JShellKernel kernel;

	private final OutputCapture output;

	private final PeerClassLoaders classLoaders;

	private final EngineProperties properties;

	private final RequestLedger ledger;

	private final EngineReplies engineReplies;

	private final Libraries libraries;

	private final FunctionCache functions = new FunctionCache();

	private final ReplyBuffer replies;

	private final ChunkAssembler chunks;

	private final AtomicLong handled = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong aborted = new AtomicLong();

	private final RequestRunner runner;

	private final SchedulerNotices notices;

	private final RequestMetrics metrics;

	private final BulkTransfers bulk;

	private final RequestActivity activity;

	/** Requests received and not answered yet: the one running and those behind it in the deliveries held. */
	private final AtomicInteger inHand = new AtomicInteger();

	public RequestHandler(ClusterConnection cluster, EngineIdentity identity, JShellKernel kernel,
			OutputCapture output, PeerClassLoaders classLoaders, EngineProperties properties, RequestLedger ledger,
			EngineReplies engineReplies, Libraries libraries, RequestRunner runner, SchedulerNotices notices,
			RequestMetrics metrics, BulkTransfers bulk, RequestActivity activity) {
		this.cluster = cluster;
		this.identity = identity;
		this.kernel = kernel;
		this.output = output;
		this.classLoaders = classLoaders;
		this.properties = properties;
		this.ledger = ledger;
		this.engineReplies = engineReplies;
		this.libraries = libraries;
		this.runner = runner;
		this.notices = notices;
		this.metrics = metrics;
		this.bulk = bulk;
		this.activity = activity;
		this.replies = new ReplyBuffer(cluster);
		this.chunks = new ChunkAssembler(cluster.codec());
	}

	/**
	 * Verifies, runs and answers the requests of one delivery (a message or a batch), in order;
	 * anything rejected is counted and dropped. A lone request is answered at once, its reply sent by
	 * the thread that produced it (see {@link ReplyDelivery}); the replies of a batch go back batched per
	 * client through a {@link ReplyBuffer}. Then the scheduler is told about
	 * the scheduler-placed tasks of the delivery, and the runner of a request cancelled meanwhile is
	 * made sure to have stopped.
	 */
	public void handle(byte[] body, String source) {
		// verified before taking the lock: garbage (on the shared task queue, say) is rejected at once instead of
		// holding a broker consumer thread while a request runs, which can starve the reply of a class request
		List<Accepted> requests = new ArrayList<>();
		for (Accepted received : this.cluster.inbound().acceptAll(body, source)) {
			for (Accepted accepted : this.chunks.offer(received)) {
				if (EngineReplies.isRequest(accepted.message())) {
					requests.add(accepted);
				}
				else {
					logger.warn("Dropped " + accepted.message().msgType() + " " + accepted.message().header().msgId()
							+ " from " + source + ": not a request");
				}
			}
		}
		if (!requests.isEmpty()) {
			AtomicInteger unanswered = new AtomicInteger(requests.size());
			this.inHand.addAndGet(requests.size());
			try {
				handleAccepted(requests, source, unanswered);
			}
			finally {
				this.inHand.addAndGet(-unanswered.get());
			}
		}
	}

	private synchronized void handleAccepted(List<Accepted> requests, String source, AtomicInteger unanswered) {
		TaskDoneReport report = this.notices.report();
		try {
			if (requests.size() == 1) {
				Message request = requests.get(0).message();
				ReplyDelivery delivery = toClientOrScheduler(request, report, this.notices.isSchedulerPlaced(request, source));
				Message reply = run(request, delivery);
				answered(unanswered);
				delivery.deliver(reply);
			}
			else {
				this.replies.open();
				try {
					for (Accepted accepted : requests) {
						Message request = accepted.message();
						Message reply = run(request);
						answered(unanswered);
						if (report.toClient(request, reply, this.notices.isSchedulerPlaced(request, source))) {
							this.replies.add(request.header().session(), reply);
						}
					}
				}
				finally {
					this.replies.closeBatch();
				}
			}
			report.send();
		}
		finally {
			this.runner.settle();
		}
	}

	/**
	 * Where a lone request's reply goes: the client, or the scheduler for a retry (decided once, even if
	 * sending is tried twice).
	 */
	private ReplyDelivery toClientOrScheduler(Message request, TaskDoneReport report, boolean schedulerPlaced) {
		Boolean[] toClient = new Boolean[1];
		return new ReplyDelivery(reply -> {
			if (toClient[0] == null) {
				toClient[0] = report.toClient(request, reply, schedulerPlaced);
			}
			if (toClient[0]) {
				this.cluster.sender().send(this.cluster.topology().resultsExchange(), request.header().session(), reply);
			}
		});
	}

	private void answered(AtomicInteger unanswered) {
		unanswered.decrementAndGet();
		this.inHand.decrementAndGet();
	}

	Message run(Message request) {
		return run(request, ReplyDelivery.NONE);
	}

	/**
	 * Runs a request and returns its reply; an {@code apply} or {@code execute} also hands its reply to
	 * {@code delivery} from the runner thread as soon as it has one.
	 */
	Message run(Message request, ReplyDelivery delivery) {
		this.activity.requestTaken();
		Instant started = Instant.now();
		String msgId = request.header().msgId();
		RunningRequest stoppable = isStoppable(request) ? new RunningRequest(msgId, request.msgType(), delivery) : null;
		String abortedBy = this.ledger.start(msgId, stoppable);
		if (abortedBy != null) {
			this.ledger.finish(msgId);
			this.aborted.incrementAndGet();
			Map<String, String> content = new HashMap<>(Replies.errorContent(MetadataKeys.TASK_ABORTED,
					"aborted before it ran (abort_request " + abortedBy + ")", ""));
			content.put(MetadataKeys.STDOUT, "");
			content.put(MetadataKeys.STDERR, "");
			return this.engineReplies.reply(request, started, content, List.of());
		}
		try {
			FetchedRequest fetched = FetchedRequest.of(request);
			if (request.content(MetadataKeys.BULK) != null) {
				try {
					fetched = this.bulk.fetch(request);
				}
				catch (BulkTransferException ex) {
					this.failed.incrementAndGet();
					this.handled.incrementAndGet();
					timeFailure(request, started);
					return answer(request, started,
							Replies.errorContent(BulkTransferException.ENAME, ex.getMessage(), ""), List.of());
				}
			}
			// only a pull keeps arrays to upload; every other request (the task path) allocates nothing for it
			Map<Integer, Object> arrays = MessageType.PULL_REQUEST.equals(request.msgType()) ? new HashMap<>()
					: Map.of();
			Message reply = (stoppable != null) ? runStoppable(fetched, stoppable, started)
					: runNow(fetched, started, null, arrays);
			return this.bulk.offer(fetched.message(), reply, arrays);
		}
		finally {
			this.ledger.finish(msgId);
		}
	}

	/** An {@code apply} or {@code execute}: on the runner's thread, between the clears it asks for. */
	private Message runStoppable(FetchedRequest fetched, RunningRequest running, Instant started) {
		Message request = fetched.message();
		boolean cancelled = false;
		try {
			if (isTrue(request.metadata(MetadataKeys.CLEAR_BEFORE))) {
				this.kernel.reset();
			}
			return this.runner.run(running, () -> runNow(fetched, started, running, null));
		}
		catch (RequestCancelledException ex) {
			cancelled = true;
			this.aborted.incrementAndGet();
			String evalue = "cancelled while running on engine " + this.identity.id() + " (abort_request "
					+ ex.abortRequestId() + ")";
			return answer(request, started, Replies.errorContent(MetadataKeys.TASK_ABORTED, evalue, ""), List.of());
		}
		catch (ExecutionException ex) {
			// what the work did not answer itself (an Error other than a LinkageError, or the engine stopping)
			this.failed.incrementAndGet();
			this.handled.incrementAndGet();
			timeFailure(request, started);
			return answer(request, started, Replies.errorContent(ex.getCause()), List.of());
		}
		catch (RuntimeException ex) {
			this.failed.incrementAndGet();
			this.handled.incrementAndGet();
			timeFailure(request, started);
			return answer(request, started, Replies.errorContent(ex), List.of());
		}
		finally {
			if (isTrue(request.metadata(MetadataKeys.CLEAR_AFTER))) {
				clearAfter(request, cancelled);
			}
		}
	}

	private void timeFailure(Message request, Instant started) {
		this.metrics.record(request.msgType(), false, java.time.Duration.between(started, Instant.now()).toNanos());
	}

	/** A fresh namespace after a request; after a cancel, once its runner has stopped. */
	private void clearAfter(Message request, boolean cancelled) {
		if (cancelled && !this.runner.settle() && MessageType.EXECUTE_REQUEST.equals(request.msgType())) {
			logger.warn("The namespace was not cleared after " + request.msgType() + " " + request.header().msgId()
					+ ": its code is still running in it");
			return;
		}
		try {
			this.kernel.reset();
		}
		catch (RuntimeException ex) {
			logger.warn("The namespace could not be cleared after " + request.msgType() + " "
					+ request.header().msgId() + ": " + ex.getMessage());
		}
	}

	private Message answer(Message request, Instant started, Map<String, String> content, List<byte[]> buffers) {
		Map<String, String> withOutput = new HashMap<>(content);
		withOutput.putIfAbsent(MetadataKeys.STDOUT, "");
		withOutput.putIfAbsent(MetadataKeys.STDERR, "");
		return this.engineReplies.reply(request, started, withOutput, buffers);
	}

	private static boolean isStoppable(Message request) {
		return MessageType.APPLY_REQUEST.equals(request.msgType())
				|| MessageType.EXECUTE_REQUEST.equals(request.msgType());
	}

	private static boolean isTrue(String value) {
		return "true".equalsIgnoreCase(value);
	}

	/**
	 * Runs a request where it is called (the runner's thread for a stoppable one) and builds its reply.
	 * @param running the request as the control path sees it if it is stoppable, else {@code null}
	 * @param arrays where a pull puts the arrays to upload from (see {@link BulkTransfers#replyBuffers}); {@code null}
	 * to encode every value
	 */
	private Message runNow(FetchedRequest fetched, Instant started, RunningRequest running, Map<Integer, Object> arrays) {
		Message request = fetched.message();
		Map<String, String> content;
		List<byte[]> buffers = List.of();
		OutputCapture.Capture capture = this.output.begin();
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try {
			switch (request.msgType()) {
				case MessageType.EXECUTE_REQUEST -> {
					this.ledger.countExecution();
					Executed executed = execute(fetched, running);
					content = executed.content();
					buffers = executed.buffers();
				}
				case MessageType.APPLY_REQUEST -> {
					ClassLoader loader = classLoaderFor(request);
					Thread.currentThread().setContextClassLoader(loader);
					Object result = apply(fetched, loader);
					buffers = List.of(ValueCodec.encode(result));
					content = ok();
				}
				case MessageType.PUSH_REQUEST -> {
					push(fetched);
					content = ok();
				}
				case MessageType.PULL_REQUEST -> {
					buffers = pull(request, arrays);
					content = ok();
				}
				case MessageType.CLEAR_REQUEST -> {
					clear(request);
					content = ok();
				}
				case MessageType.ADD_CLASSPATH_REQUEST -> content = addToClasspath(request);
				default -> content = Replies.errorContent("io.jparallel.UnknownRequestError",
						"engine cannot handle " + request.msgType(), "");
			}
		}
		catch (Exception | LinkageError | StackOverflowError ex) {
			content = Replies.errorContent(ex);
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
			capture.close();
		}
		content = new HashMap<>(content);
		content.put(MetadataKeys.STDOUT, capture.stdout());
		content.put(MetadataKeys.STDERR, capture.stderr());
		if (MetadataKeys.STATUS_ERROR.equals(content.get(MetadataKeys.STATUS))) {
			this.failed.incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug(request.msgType() + " " + request.header().msgId() + " failed: "
						+ content.get(MetadataKeys.ENAME) + ": " + content.get(MetadataKeys.EVALUE));
			}
		}
		this.handled.incrementAndGet();
		this.metrics.record(request.msgType(), !MetadataKeys.STATUS_ERROR.equals(content.get(MetadataKeys.STATUS)),
				java.time.Duration.between(started, Instant.now()).toNanos());
		return this.engineReplies.reply(request, started, content, buffers);
	}

	/**
	 * Runs a code string: the values it carries pushed first, the variables it names pulled after.
	 * @param running the request as the control path sees it, to skip the code if it was cancelled
	 */
	private Executed execute(FetchedRequest fetched, RunningRequest running) throws Exception {
		Message request = fetched.message();
		String code = request.content(CODE);
		if (code == null) {
			throw new IllegalArgumentException("execute_request has no code");
		}
		List<String> pushNames = names(request.content(MetadataKeys.PUSH_NAMES));
		if (!pushNames.isEmpty()) {
			pushValues(fetched, pushNames);
		}
		if (running != null && running.isCancelled()) {
			throw new IllegalStateException("cancelled before its code ran");
		}
		ExecutionOutcome outcome = this.kernel.execute(code);
		if (!outcome.ok()) {
			return new Executed(Replies.errorContent(outcome.ename(), outcome.evalue(), outcome.traceback()), List.of());
		}
		Map<String, String> content = ok();
		if (outcome.display() != null) {
			content = new HashMap<>(content);
			content.put("display", outcome.display());
		}
		List<String> pullNames = names(request.content(MetadataKeys.PULL_NAMES));
		return new Executed(content, pullNames.isEmpty() ? List.of() : pullValues(pullNames));
	}

	/** The reply of an {@code execute}: its content, and the values pulled after the code ran. */
	private record Executed(Map<String, String> content, List<byte[]> buffers) {
	}

	/** Decodes the function, sets the globals it reads (see {@link ShippedGlobals}), and calls or maps it. */
	private Object apply(FetchedRequest fetched, ClassLoader loader) throws Exception {
		ApplyPayload payload = ApplyPayload.from(fetched.message());
		Object function = this.functions.decode(payload.function(), loader);
		ShippedGlobals.assign(payload, loader);
		int firstArgument = 1 + payload.globals().size();
		List<Object> args = new ArrayList<>(payload.arguments().size());
		for (int i = 0; i < payload.arguments().size(); i++) {
			args.add(fetched.value(firstArgument + i, loader));
		}
		if (!MODE_MAP.equals(fetched.message().content(MODE))) {
			return Invocation.invoke(function, args);
		}
		return map(function, args);
	}

	/** Applies the function element-wise over argument lists of equal length. */
	private static List<Object> map(Object function, List<Object> sequences) throws Exception {
		int length = -1;
		for (Object sequence : sequences) {
			int size = ((List<?>) sequence).size();
			if (length >= 0 && size != length) {
				throw new IllegalArgumentException("map needs sequences of equal length, got " + length + " and " + size);
			}
			length = size;
		}
		List<Object> results = new ArrayList<>(Math.max(length, 0));
		Object[] args = new Object[sequences.size()];
		for (int i = 0; i < length; i++) {
			for (int s = 0; s < args.length; s++) {
				args[s] = ((List<?>) sequences.get(s)).get(i);
			}
			results.add(Invocation.invoke(function, Arrays.asList(args)));
		}
		return results;
	}

	private void push(FetchedRequest fetched) throws Exception {
		pushValues(fetched, names(fetched.message()));
	}

	/** Pushes the request's buffers, decoded with its class loader, as the variables named. */
	private void pushValues(FetchedRequest fetched, List<String> names) throws Exception {
		Message request = fetched.message();
		if (names.size() != request.buffers().size()) {
			throw new IllegalArgumentException(request.msgType() + " names " + names.size() + " variables to push "
					+ "but carries " + request.buffers().size() + " values");
		}
		ClassLoader loader = classLoaderFor(request);
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			values.put(names.get(i), fetched.value(i, loader));
		}
		this.kernel.push(values);
	}

	/** A fresh namespace; the requesting client's classes and the cached functions are dropped. */
	private void clear(Message request) {
		this.kernel.reset();
		this.classLoaders.drop(request.header().session());
		this.functions.clear();
	}

	private Map<String, String> addToClasspath(Message request) throws IOException {
		if (request.buffers().size() != 1) {
			throw new IllegalArgumentException("add_classpath_request must carry one jar, carries "
					+ request.buffers().size() + " buffers");
		}
		Path jar = this.libraries.add(request.content(NAME), request.content(SHA256), request.buffers().get(0));
		return Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, PATH, jar.toString());
	}

	private List<byte[]> pull(Message request, Map<Integer, Object> arrays) {
		if (arrays == null) {
			return pullValues(names(request));
		}
		List<String> names = names(request);
		Map<String, Object> values = this.kernel.pull(names);
		return this.bulk.replyBuffers(request, names.stream().map(values::get).toList(), arrays);
	}

	private List<byte[]> pullValues(List<String> names) {
		Map<String, Object> values = this.kernel.pull(names);
		List<byte[]> buffers = new ArrayList<>(names.size());
		for (String name : names) {
			buffers.add(ValueCodec.encode(values.get(name)));
		}
		return buffers;
	}

	private static List<String> names(Message request) {
		List<String> names = names(request.content(NAMES));
		if (names.isEmpty()) {
			throw new IllegalArgumentException(request.msgType() + " names no variables");
		}
		return names;
	}

	/** Comma-separated names; none if {@code null} or blank. */
	private static List<String> names(String names) {
		if (names == null || names.isBlank()) {
			return List.of();
		}
		return Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}

	private ClassLoader classLoaderFor(Message request) {
		String classQueue = request.metadata(MetadataKeys.CLASS_QUEUE);
		String session = request.header().session();
		if (classQueue == null) {
			return this.classLoaders.parent();
		}
		return this.classLoaders.forSession(session, () -> new AmqpClassFetcher(this.cluster, classQueue,
				this.identity.uuid(), this.properties.getClassFetchTimeout()));
	}

	private static Map<String, String> ok() {
		return Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
	}

	/** Requests received and not answered yet (the one running and those waiting behind it here). */
	public int inHand() {
		return this.inHand.get();
	}

	/** Requests answered, aborted ones left out. */
	public long handled() {
		return this.handled.get();
	}

	/** Requests answered with an error. */
	public long failed() {
		return this.failed.get();
	}

	/** Requests aborted before or while they ran. */
	public long aborted() {
		return this.aborted.get();
	}

	public Map<String, Long> counts() {
		return Map.of("handled", this.handled.get(), "failed", this.failed.get(), "aborted", this.aborted.get(),
				"executions", this.ledger.executions(), "abandonedThreads", this.runner.abandonedCount());
	}

}
