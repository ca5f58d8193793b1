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

/**
 * The result of requests sent to one or more engines, available now or later, with each request's
 * metadata (engine, times, output).
 * <pre>{@code
 * AsyncResult<List<Long>> ar = rc.all().applyAsync(() -> { Thread.sleep(2000); return ProcessHandle.current().pid(); });
 * ar.ready();          // false
 * List<Long> pids = ar.get();
 * ar.metadata().forEach(m -> System.out.println(m.engineId() + " took " + m.wallTime()));
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

	private final List<Submission> submissions;

	private final boolean single;

	private final CompletableFuture<T> future;

	private final List<ResultMetadata> metadata;

	AsyncResult(List<Submission> submissions, boolean single, ReplyDecoder decoder, Function<List<Object>, T> combiner) {
		this.submissions = List.copyOf(submissions);
		this.single = single;
		this.metadata = new ArrayList<>(submissions.size());
		CompletableFuture<?>[] replies = this.submissions.stream().map(Submission::reply).toArray(CompletableFuture[]::new);
		this.future = CompletableFuture.allOf(replies).thenApply(ignored -> combine(decoder, combiner));
	}

	private T combine(ReplyDecoder decoder, Function<List<Object>, T> combiner) {
		List<Object> values = new ArrayList<>(this.submissions.size());
		List<RemoteError> errors = new ArrayList<>();
		List<ResultMetadata> facts = new ArrayList<>(this.submissions.size());
		Instant received = Instant.now();
		for (Submission submission : this.submissions) {
			Message reply = submission.reply().join();
			int engineId = engineId(reply, submission.target());
			facts.add(new ResultMetadata(submission.msgId(), engineId, reply.metadata(MetadataKeys.ENGINE_UUID),
					submission.submitted(), instant(reply.metadata(MetadataKeys.STARTED)),
					instant(reply.metadata(MetadataKeys.COMPLETED)), received, reply.content(MetadataKeys.STATUS),
					orEmpty(reply.content(MetadataKeys.STDOUT)), orEmpty(reply.content(MetadataKeys.STDERR)),
					integer(reply.metadata(MetadataKeys.EXECUTION_COUNT))));
			if (MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS))) {
				try {
					values.add(decoder.decode(reply));
				}
				catch (Exception ex) {
					errors.add(new RemoteError(engineId, method(reply), ex.getClass().getName(),
							"cannot read the engine's result: " + ex.getMessage(), ""));
				}
			}
			else {
				errors.add(RemoteError.of(engineId, method(reply), reply.content(MetadataKeys.ENAME),
						reply.content(MetadataKeys.EVALUE), reply.content(MetadataKeys.TRACEBACK)));
			}
		}
		synchronized (this.metadata) {
			this.metadata.clear();
			this.metadata.addAll(facts);
		}
		if (!errors.isEmpty()) {
			throw (this.single && errors.size() == 1) ? errors.get(0) : new CompositeError(errors);
		}
		return combiner.apply(values);
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

	/** Whether it is ready and succeeded. */
	public boolean successful() {
		return this.future.isDone() && !this.future.isCompletedExceptionally();
	}

	/** Each request's metadata, in the order the requests were sent; empty until ready. */
	public List<ResultMetadata> metadata() {
		synchronized (this.metadata) {
			return List.copyOf(this.metadata);
		}
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

	private static int engineId(Message reply, int target) {
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
		return (value != null) ? Instant.parse(value) : null;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	@Override
	public String toString() {
		return "AsyncResult[" + this.submissions.size() + " request(s), "
				+ (ready() ? (successful() ? "done" : "failed") : "pending") + "]";
	}

}
