package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.time.IsoInstants;

/**
 * The result of requests sent to one or more engines, available now or later, with each request's
 * metadata (engine, times, output).
 * <pre>{@code
 * AsyncResult<List<Long>> ar = rc.all().applyAsync(() -> { Thread.sleep(2000); return ProcessHandle.current().pid(); });
 * ar.ready();          // false
 * List<Long> pids = ar.get();
 * ar.metadata().forEach(m -> System.out.println(m.engineId() + " took " + m.wallTime()));
 *
 * AsyncResult<List<Integer>> squares = lview.mapAsync(x -> x * x, xs);
 * squares.progress();                  // 512 (of squares.size() tasks finished)
 * squares.waitInteractive();           // [=====>    ] 512/1000 tasks 3.2 s, redrawn until done
 * squares.serialTime();                // the engines' time on it, summed
 * squares.wallTime();                  // first submission to last completion
 * squares.successful();                // whether it all went well (once ready)
 * squares.cancel();                    // or: stop what has not finished
 * }</pre>
 *
 * @param <T> the result type
 */
public final class AsyncResult<T> {

	/** Turns one reply into its value; may throw. */
	@FunctionalInterface
	interface ReplyDecoder {

		Object decode(Message reply) throws Exception;

	}

	/** Stops the unanswered ones of a result's requests; the ids that will not run. */
	@FunctionalInterface
	interface Stopper {

		/**
		 * @param cancelRunning whether running load-balanced tasks are stopped too, not only queued requests
		 * @throws IllegalStateException if none could be stopped
		 */
		List<String> stop(List<Submission> submissions, boolean cancelRunning);

	}

	private final List<Submission> submissions;

	private final boolean single;

	private final CompletableFuture<T> future;

	/**
	 * Each request's metadata, read from the replies only when asked for ({@link #metadata()}): a map of 10,000
	 * items parsed 20,000 timestamps for it, and the JIT compiled that loop with them inlined (0.8 CPU-seconds
	 * of C2 in the middle of the map); empty until ready.
	 */
	private volatile ReplyFacts facts = ReplyFacts.NONE;

	private final Stopper stopper;

	private final Instant firstSubmitted;

	private volatile Instant finished;

	AsyncResult(List<Submission> submissions, boolean single, ReplyDecoder decoder, Function<List<Object>, T> combiner) {
		this(submissions, single, decoder, combiner, null);
	}

	AsyncResult(List<Submission> submissions, boolean single, ReplyDecoder decoder, Function<List<Object>, T> combiner,
			Stopper stopper) {
		this.submissions = List.copyOf(submissions);
		this.single = single;
		this.stopper = stopper;
		this.firstSubmitted = this.submissions.stream()
			.map(Submission::submitted)
			.min(Instant::compareTo)
			.orElseGet(Instant::now);
		CompletableFuture<?>[] replies = this.submissions.stream().map(Submission::reply).toArray(CompletableFuture[]::new);
		this.future = CompletableFuture.allOf(replies).thenApply(ignored -> combine(decoder, combiner));
		this.future.whenComplete((value, error) -> this.finished = Instant.now());
	}

	private T combine(ReplyDecoder decoder, Function<List<Object>, T> combiner) {
		List<Object> values = new ArrayList<>(this.submissions.size());
		List<RemoteError> errors = new ArrayList<>();
		List<Message> replies = new ArrayList<>(this.submissions.size());
		for (Submission submission : this.submissions) {
			Message reply = submission.reply().join();
			replies.add(reply);
			if (MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
				try {
					values.add(decoder.decode(reply));
				}
				catch (Exception ex) {
					errors.add(new RemoteError(engineId(reply, submission.target()), method(reply),
							ex.getClass().getName(), "cannot read the engine's result: " + ex.getMessage(), ""));
				}
			}
			else {
				errors.add(RemoteError.of(engineId(reply, submission.target()), method(reply),
						reply.content(MetadataKeys.ENAME), reply.content(MetadataKeys.EVALUE),
						reply.content(MetadataKeys.TRACEBACK)));
			}
		}
		this.facts = new ReplyFacts(replies, Instant.now());
		if (!errors.isEmpty()) {
			throw (this.single && errors.size() == 1) ? errors.get(0) : new CompositeError(errors);
		}
		return combiner.apply(values);
	}

	/** The replies of a finished result and when they were combined, read as metadata once asked for. */
	private static final class ReplyFacts {

		static final ReplyFacts NONE = new ReplyFacts(List.of(), null);

		private final List<Message> replies;

		private final Instant received;

		private List<ResultMetadata> metadata;

		ReplyFacts(List<Message> replies, Instant received) {
			this.replies = replies;
			this.received = received;
		}

		synchronized List<ResultMetadata> metadata(List<Submission> submissions) {
			if (this.metadata == null) {
				List<ResultMetadata> facts = new ArrayList<>(this.replies.size());
				for (int i = 0; i < this.replies.size(); i++) {
					Submission submission = submissions.get(i);
					Message reply = this.replies.get(i);
					facts.add(new ResultMetadata(submission.msgId(), engineId(reply, submission.target()),
							reply.metadata(MetadataKeys.ENGINE_UUID), submission.submitted(),
							instant(reply.metadata(MetadataKeys.STARTED)), instant(reply.metadata(MetadataKeys.COMPLETED)),
							this.received, reply.content(MetadataKeys.STATUS), orEmpty(reply.content(MetadataKeys.STDOUT)),
							orEmpty(reply.content(MetadataKeys.STDERR)), integer(reply.metadata(MetadataKeys.EXECUTION_COUNT))));
				}
				this.metadata = List.copyOf(facts);
			}
			return this.metadata;
		}

	}

	/** Waits for the result; raises {@link RemoteError} or {@link CompositeError} if the work failed remotely. */
	public T get() {
		try {
			return this.future.join();
		}
		catch (CompletionException ex) {
			throw unwrap(ex.getCause());
		}
	}

	/** Waits at most {@code timeout}; raises {@link ResultTimeoutException} if the result is not ready by then. */
	public T get(Duration timeout) {
		try {
			return this.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new ResultTimeoutException(timeout, readyCount(), this.submissions.size());
		}
		catch (ExecutionException ex) {
			throw unwrap(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JParallelException("Interrupted while waiting for a result", ex);
		}
	}

	/** Whether every reply has arrived. */
	public boolean ready() {
		return this.future.isDone();
	}

	/** Waits until ready, without raising remote errors. */
	public AsyncResult<T> await() {
		try {
			this.future.handle((value, error) -> null).join();
		}
		catch (CompletionException ex) {
			// reported by get()
		}
		return this;
	}

	/** Waits until ready or the timeout passes; whether it is ready. */
	public boolean await(Duration timeout) {
		return awaitQuietly(this.future, timeout);
	}

	/** Waits until {@code future} is done, failed or not, at most {@code timeout}; whether it is done. */
	static boolean awaitQuietly(CompletableFuture<?> future, Duration timeout) {
		try {
			future.handle((value, error) -> null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether it succeeded: every request ended well and its results could be read.
	 * @throws IllegalStateException if it is not ready yet (as ipyparallel's {@code successful()})
	 */
	public boolean successful() {
		checkReady("successful()");
		return !this.future.isCompletedExceptionally();
	}

	/** How many of its requests have finished (ipyparallel's {@code progress}); {@link #size()} when ready. */
	public int progress() {
		return readyCount();
	}

	/** Time since it was submitted, until now or until it became ready. */
	public Duration elapsed() {
		Instant end = this.finished;
		return Duration.between(this.firstSubmitted, (end != null) ? end : Instant.now());
	}

	/**
	 * The engines' time on it: the sum over its requests of completed − started, as the engines reported
	 * them (requests that never ran count nothing).
	 * @throws IllegalStateException if it is not ready yet
	 */
	public Duration serialTime() {
		checkReady("serialTime()");
		Duration total = Duration.ZERO;
		for (Message reply : replies()) {
			Instant started = instant(reply.metadata(MetadataKeys.STARTED));
			Instant completed = instant(reply.metadata(MetadataKeys.COMPLETED));
			if (started != null && completed != null) {
				total = total.plus(Duration.between(started, completed));
			}
		}
		return total;
	}

	/**
	 * The time from its first submission to the last completion an engine reported (or to when it became
	 * ready, if no engine reported one).
	 * @throws IllegalStateException if it is not ready yet
	 */
	public Duration wallTime() {
		checkReady("wallTime()");
		Instant last = null;
		for (Message reply : replies()) {
			Instant completed = instant(reply.metadata(MetadataKeys.COMPLETED));
			if (completed != null && (last == null || completed.isAfter(last))) {
				last = completed;
			}
		}
		return (last != null) ? Duration.between(this.firstSubmitted, last) : elapsed();
	}

	/**
	 * Waits until ready or the timeout passes, without raising remote errors; with {@code showProgress},
	 * draws a progress bar on {@code System.err} meanwhile ({@code [=====>    ] 512/1000 tasks 3.2 s}).
	 * Whether it is ready.
	 */
	public boolean wait(Duration timeout, boolean showProgress) {
		if (!showProgress) {
			return await(timeout);
		}
		return ProgressBar.onStandardError().waitFor(this, timeout);
	}

	/**
	 * Waits until ready, drawing a progress bar on {@code System.err} (ipyparallel's {@code wait_interactive});
	 * where {@code System.err} is no terminal (a log, a notebook), a plain line every 5 s instead.
	 */
	public AsyncResult<T> waitInteractive() {
		ProgressBar.onStandardError().waitFor(this, null);
		return this;
	}

	/**
	 * Stops its requests that have not finished: queued ones end with {@link TaskAborted}, and running
	 * load-balanced tasks are stopped on their engines. Whether any was stopped ({@code false} if it had
	 * finished, or everything had run by the time the request arrived).
	 */
	public boolean cancel() {
		if (ready()) {
			return false;
		}
		return !stopQuietly(true).isEmpty();
	}

	/** See {@link Stopper}. */
	List<String> stop(boolean cancelRunning) {
		if (this.stopper == null) {
			throw new IllegalStateException("This result was not made by a view: nothing to abort it with");
		}
		return this.stopper.stop(this.submissions, cancelRunning);
	}

	/** As {@link #stop(boolean)}, but empty rather than an exception when nothing could be stopped. */
	List<String> stopQuietly(boolean cancelRunning) {
		try {
			return stop(cancelRunning);
		}
		catch (IllegalStateException ex) {
			return List.of();
		}
	}

	/** Runs {@code action} once it is ready (on the thread that made it ready, or now). */
	void whenDone(Runnable action) {
		this.future.whenComplete((value, error) -> action.run());
	}

	private List<Message> replies() {
		List<Message> replies = new ArrayList<>(this.submissions.size());
		for (Submission submission : this.submissions) {
			CompletableFuture<Message> reply = submission.reply();
			if (reply.isDone() && !reply.isCompletedExceptionally()) {
				replies.add(reply.join());
			}
		}
		return replies;
	}

	private void checkReady(String what) {
		if (!ready()) {
			throw new IllegalStateException(what + " needs a finished result, and " + readyCount() + " of "
					+ size() + " requests have finished; wait for it first (get(), await() or wait(timeout, true))");
		}
	}

	/** Each request's metadata, in the order the requests were sent; empty until ready. */
	public List<ResultMetadata> metadata() {
		return this.facts.metadata(this.submissions);
	}

	/** The engines that ran the requests, in order; empty until ready. */
	public List<Integer> engineIds() {
		return metadata().stream().map(ResultMetadata::engineId).toList();
	}

	/** What each request printed to {@code System.out}; empty until ready. */
	public List<String> stdout() {
		return metadata().stream().map(ResultMetadata::stdout).toList();
	}

	/** What each request printed to {@code System.err}; empty until ready. */
	public List<String> stderr() {
		return metadata().stream().map(ResultMetadata::stderr).toList();
	}

	/** The ids of the requests (a broadcast request has one id for all its engines). */
	public List<String> msgIds() {
		return this.submissions.stream().map(Submission::msgId).distinct().toList();
	}

	/**
	 * For each request, how many {@code execute} requests its engine had run when it answered
	 * (ipyparallel's {@code execution_count}); {@code null} where the engine did not say. Empty until ready.
	 */
	public List<Integer> executionCount() {
		return metadata().stream().map(ResultMetadata::executionCount).toList();
	}

	/** How many of the requests have been answered. */
	public int readyCount() {
		return (int) this.submissions.stream().filter(s -> s.reply().isDone()).count();
	}

	/** How many requests this result covers (one per engine for a multi-engine call). */
	public int size() {
		return this.submissions.size();
	}

	/**
	 * Waits until every one of {@code results} is ready or the timeout passes, without raising their
	 * remote errors; whether all are ready.
	 * <pre>{@code
	 * boolean done = AsyncResult.waitAll(Duration.ofSeconds(10), ar1, ar2, ar3);
	 * }</pre>
	 */
	public static boolean waitAll(Duration timeout, AsyncResult<?>... results) {
		return waitAll(List.of(results), timeout);
	}

	/** Waits until every one of {@code results} is ready or the timeout passes; whether all are ready. */
	public static boolean waitAll(Collection<? extends AsyncResult<?>> results, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (AsyncResult<?> result : results) {
			long left = Math.max(0, deadline - System.nanoTime());
			if (!result.await(Duration.ofNanos(left))) {
				return false;
			}
		}
		return true;
	}

	List<Submission> submissions() {
		return this.submissions;
	}

	/** As a {@link CompletableFuture}, for composition. */
	public CompletableFuture<T> toCompletableFuture() {
		return this.future.copy();
	}

	private static RuntimeException unwrap(Throwable cause) {
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new JParallelException(String.valueOf(cause.getMessage()), cause);
	}

	/** The engine that sent a reply (its metadata {@code engine_id}), else {@code target}. */
	static int engineId(Message reply, int target) {
		String id = reply.metadata(MetadataKeys.ENGINE_ID);
		try {
			return (id != null) ? Integer.parseInt(id) : target;
		}
		catch (NumberFormatException ex) {
			return target;
		}
	}

	private static String method(Message reply) {
		String type = reply.msgType();
		int end = type.lastIndexOf('_');
		return (end > 0) ? type.substring(0, end) : type;
	}

	private static Integer integer(String value) {
		try {
			return (value != null) ? Integer.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Instant instant(String value) {
		return (value != null) ? IsoInstants.parse(value) : null;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	@Override
	public String toString() {
		return "AsyncResult[" + this.submissions.size() + " request(s), "
				+ (ready() ? (this.future.isCompletedExceptionally() ? "failed" : "done")
						: readyCount() + " finished") + "]";
	}

}
