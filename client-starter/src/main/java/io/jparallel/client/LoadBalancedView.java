package io.jparallel.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.function.Fn3;
import io.jparallel.protocol.function.Fn4;

/**
 * A view that lets the scheduler choose the engine for each call (the task interface).
 * <pre>{@code
 * LoadBalancedView lview = rc.loadBalancedView();
 * AsyncResult<Long> pid = lview.applyAsync(() -> ProcessHandle.current().pid());
 * List<Integer> products = lview.mapSync(mul, xs, ys);                     // one task per item
 * List<Integer> faster = lview.withChunksize(1000).mapSync(mul, xs, ys);   // 1000 items per task
 * MapIterator<Integer> lazily = lview.imap(x -> x * x, hugeIterable);      // at most 2 x engines chunks in flight
 * AsyncResult<List<Integer>> asDone = lview.withOrdered(false).map(slow, xs);   // chunks in completion order
 * }</pre>
 * Flags (ipyparallel's view flags, see {@link TaskFlags}) shape every task the view sends, for
 * {@code apply}, {@code map}, {@code imap}, {@code execute}, {@code run}, the executor, {@code remote} and
 * {@code parallel} alike: {@code setX} changes the view's, {@code withX} gives a copy of the view for
 * one call, {@code tempFlags} changes them for a block.
 * <pre>{@code
 * AsyncResult<Integer> a = lview.applyAsync(() -> 1);
 * lview.withAfter(a).applyAsync(() -> 2);                                  // starts once a succeeded
 * lview.withFollow(a).applyAsync(() -> 3);                                 // runs where a ran
 * lview.withAfter(Dependency.on(a, b).any().successOrFailure()).applyAsync(() -> 4);
 * lview.setRetries(2).setTimeout(Duration.ofSeconds(30));                  // the view's flags from now on
 * lview.withTargets(0, 1).withLabel("warm-up").applyAsync(() -> 5);       // only engines 0 and 1
 * lview.withRequire("gpu; mem_gb >= 16").applyAsync(train);               // engines with these properties
 * lview.withRecovery(() -> cleanUp()).applyAsync(flaky);                   // on failure: clean up, try once more
 * try (var temp = lview.tempFlags(f -> f.retries(2).after(a))) {
 *     lview.applyAsync(() -> 6);
 * }                                                                        // previous flags again
 *
 * StringTask task = StringTask.of("var y = x * 2;").push(Map.of("x", 21)).pull("y").clearBefore().clearAfter();
 * Map<String, Object> pulled = lview.run(task).get();                      // {y=42}
 * AsyncResult<String> two = lview.execute("1 + 1");                       // "2", from some engine
 *
 * AsyncResult<Integer> queued = lview.applyAsync(() -> 7);
 * lview.abort(queued);                                                     // if not started: ends with TaskAborted
 * lview.cancel(queued);                                                    // stops it even if running
 * lview.abort();                                                           // every task of this client not yet started
 * rc.queueStatus();                                                        // what the scheduler holds
 * }</pre>
 * A task the scheduler cannot run ends with {@link ImpossibleDependency}, {@link DependencyTimeout} or
 * {@link TaskTimeout}; misused flags fail at once with an {@link IllegalArgumentException}.
 */
public final class LoadBalancedView {

	private static final Object[] NO_ARGS = new Object[0];

	private final ViewSupport support;

	private volatile TaskFlags flags;

	LoadBalancedView(ViewSupport support, TaskFlags flags) {
		this.support = support;
		this.flags = flags;
	}

	/** The view's flags. */
	public TaskFlags flags() {
		return this.flags;
	}

	/** Changes the view's flags: {@code lview.setFlags(f -> f.retries(2).label("step"))}. */
	public LoadBalancedView setFlags(UnaryOperator<TaskFlags> change) {
		this.flags = change.apply(this.flags);
		return this;
	}

	/** A copy of this view with changed flags, e.g. for one call. */
	public LoadBalancedView withFlags(UnaryOperator<TaskFlags> change) {
		return new LoadBalancedView(this.support, change.apply(this.flags));
	}

	/**
	 * Changes the view's flags until the returned object is closed (ipyparallel's {@code temp_flags}).
	 * Meant for one thread: another thread using the view meanwhile sees the changed flags.
	 * <pre>{@code
	 * try (var temp = lview.tempFlags(f -> f.retries(2).after(ar))) { lview.applyAsync(task); }
	 * }</pre>
	 */
	public TemporaryFlags tempFlags(UnaryOperator<TaskFlags> change) {
		TaskFlags previous = this.flags;
		this.flags = change.apply(previous);
		return new TemporaryFlags(this, previous);
	}

	void restoreFlags(TaskFlags previous) {
		this.flags = previous;
	}

	/** Whether calls wait for their results before returning. */
	public boolean block() {
		return this.flags.block();
	}

	public LoadBalancedView setBlock(boolean block) {
		return setFlags(f -> f.block(block));
	}

	public LoadBalancedView withBlock(boolean block) {
		return withFlags(f -> f.block(block));
	}

	/** How many items of a map go into one task. */
	public int chunksize() {
		return this.flags.chunksize();
	}

	public LoadBalancedView setChunksize(int chunksize) {
		return setFlags(f -> f.chunksize(chunksize));
	}

	/** A copy of this view whose maps send {@code chunksize} items per task. */
	public LoadBalancedView withChunksize(int chunksize) {
		return withFlags(f -> f.chunksize(chunksize));
	}

	/** Whether map results come in input order (else chunk by chunk, as they complete). */
	public boolean ordered() {
		return this.flags.ordered();
	}

	public LoadBalancedView setOrdered(boolean ordered) {
		return setFlags(f -> f.ordered(ordered));
	}

	public LoadBalancedView withOrdered(boolean ordered) {
		return withFlags(f -> f.ordered(ordered));
	}

	/** Tasks may run only on these engines; none: any. See {@link TaskFlags#targets(int...)}. */
	public LoadBalancedView setTargets(int... engineIds) {
		return setFlags(f -> f.targets(engineIds));
	}

	public LoadBalancedView withTargets(int... engineIds) {
		return withFlags(f -> f.targets(engineIds));
	}

	/** Tasks start only once every request of these results succeeded. See {@link Dependency}. */
	public LoadBalancedView setAfter(AsyncResult<?>... results) {
		return setFlags(f -> f.after(results));
	}

	public LoadBalancedView setAfter(String... msgIds) {
		return setFlags(f -> f.after(msgIds));
	}

	public LoadBalancedView setAfter(Dependency dependency) {
		return setFlags(f -> f.after(dependency));
	}

	public LoadBalancedView withAfter(AsyncResult<?>... results) {
		return withFlags(f -> f.after(results));
	}

	public LoadBalancedView withAfter(String... msgIds) {
		return withFlags(f -> f.after(msgIds));
	}

	public LoadBalancedView withAfter(Dependency dependency) {
		return withFlags(f -> f.after(dependency));
	}

	/** Tasks run where these results' requests ran. See {@link Dependency}. */
	public LoadBalancedView setFollow(AsyncResult<?>... results) {
		return setFlags(f -> f.follow(results));
	}

	public LoadBalancedView setFollow(String... msgIds) {
		return setFlags(f -> f.follow(msgIds));
	}

	public LoadBalancedView setFollow(Dependency dependency) {
		return setFlags(f -> f.follow(dependency));
	}

	public LoadBalancedView withFollow(AsyncResult<?>... results) {
		return withFlags(f -> f.follow(results));
	}

	public LoadBalancedView withFollow(String... msgIds) {
		return withFlags(f -> f.follow(msgIds));
	}

	public LoadBalancedView withFollow(Dependency dependency) {
		return withFlags(f -> f.follow(dependency));
	}

	/** How long tasks may wait to start; {@code null} for ever. See {@link TaskFlags#timeout()}. */
	public LoadBalancedView setTimeout(Duration timeout) {
		return setFlags(f -> f.timeout(timeout));
	}

	public LoadBalancedView withTimeout(Duration timeout) {
		return withFlags(f -> f.timeout(timeout));
	}

	/** How many times the scheduler resubmits a failed task. */
	public LoadBalancedView setRetries(int retries) {
		return setFlags(f -> f.retries(retries));
	}

	public LoadBalancedView withRetries(int retries) {
		return withFlags(f -> f.retries(retries));
	}

	/** A label for the scheduler's queue status and logs. */
	public LoadBalancedView setLabel(String label) {
		return setFlags(f -> f.label(label));
	}

	public LoadBalancedView withLabel(String label) {
		return withFlags(f -> f.label(label));
	}

	/** Tasks run only on engines whose properties meet these clauses; see {@link TaskFlags#require(String)}. */
	public LoadBalancedView setRequire(String clauses) {
		return setFlags(f -> f.require(clauses));
	}

	/** Tasks run only on engines whose properties equal these values. */
	public LoadBalancedView setRequire(Map<String, ?> equalities) {
		return setFlags(f -> f.require(equalities));
	}

	public LoadBalancedView withRequire(String clauses) {
		return withFlags(f -> f.require(clauses));
	}

	public LoadBalancedView withRequire(Map<String, ?> equalities) {
		return withFlags(f -> f.require(equalities));
	}

	/** The seeds' name for {@link #setRequire(String)}. */
	public LoadBalancedView setDepend(String clauses) {
		return setRequire(clauses);
	}

	/** The seeds' name for {@link #withRequire(String)}. */
	public LoadBalancedView withDepend(String clauses) {
		return withRequire(clauses);
	}

	/** A task to run when a task finally failed, before it is tried once more; see {@link TaskFlags#recovery(Fn0)}. */
	public LoadBalancedView setRecovery(Fn0<?> recovery) {
		return setFlags(f -> f.recovery(recovery));
	}

	public LoadBalancedView withRecovery(Fn0<?> recovery) {
		return withFlags(f -> f.recovery(recovery));
	}

	/** Whether the engine's namespace is cleared before each task. */
	public LoadBalancedView setClearBefore(boolean clearBefore) {
		return setFlags(f -> f.clearBefore(clearBefore));
	}

	public LoadBalancedView withClearBefore(boolean clearBefore) {
		return withFlags(f -> f.clearBefore(clearBefore));
	}

	/** Whether the engine's namespace is cleared after each task. */
	public LoadBalancedView setClearAfter(boolean clearAfter) {
		return setFlags(f -> f.clearAfter(clearAfter));
	}

	public LoadBalancedView withClearAfter(boolean clearAfter) {
		return withFlags(f -> f.clearAfter(clearAfter));
	}

	/** How many chunks an {@code imap} keeps in flight; 0: twice the engines. */
	public LoadBalancedView setMaxOutstanding(int chunks) {
		return setFlags(f -> f.maxOutstanding(chunks));
	}

	public LoadBalancedView withMaxOutstanding(int chunks) {
		return withFlags(f -> f.maxOutstanding(chunks));
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <R> AsyncResult<R> apply(Fn0<R> f) {
		return call(f, NO_ARGS, null);
	}

	/** Calls {@code f} on some engine and waits for the result. */
	public <R> R applySync(Fn0<R> f) {
		return this.<R>call(f, NO_ARGS, false).get();
	}

	/** Calls {@code f} on some engine without waiting. */
	public <R> AsyncResult<R> applyAsync(Fn0<R> f) {
		return call(f, NO_ARGS, false);
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <A, R> AsyncResult<R> apply(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, null);
	}

	/** Calls {@code f} on some engine and waits for the result. */
	public <A, R> R applySync(Fn1<A, R> f, A a) {
		return this.<R>call(f, new Object[] { a }, false).get();
	}

	/** Calls {@code f} on some engine without waiting. */
	public <A, R> AsyncResult<R> applyAsync(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, false);
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <A, B, R> AsyncResult<R> apply(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, null);
	}

	/** Calls {@code f} on some engine and waits for the result. */
	public <A, B, R> R applySync(Fn2<A, B, R> f, A a, B b) {
		return this.<R>call(f, new Object[] { a, b }, false).get();
	}

	/** Calls {@code f} on some engine without waiting. */
	public <A, B, R> AsyncResult<R> applyAsync(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, false);
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<R> apply(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, null);
	}

	/** Calls {@code f} on some engine and waits for the result. */
	public <A, B, C, R> R applySync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.<R>call(f, new Object[] { a, b, c }, false).get();
	}

	/** Calls {@code f} on some engine without waiting. */
	public <A, B, C, R> AsyncResult<R> applyAsync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, false);
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <A, B, C, D, R> AsyncResult<R> apply(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, null);
	}

	/** Calls {@code f} on some engine and waits for the result. */
	public <A, B, C, D, R> R applySync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.<R>call(f, new Object[] { a, b, c, d }, false).get();
	}

	/** Calls {@code f} on some engine without waiting. */
	public <A, B, C, D, R> AsyncResult<R> applyAsync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, false);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler; waits first if this view blocks. */
	public <A, R> AsyncResult<List<R>> map(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, null, as);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results (in input order unless {@link #ordered()} is off). */
	public <A, R> List<R> mapSync(Fn1<A, R> f, Iterable<? extends A> as) {
		return this.<R>submitMap(f, false, as).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, R> AsyncResult<List<R>> mapAsync(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, false, as);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> map(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, null, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results (in input order unless {@link #ordered()} is off). */
	public <A, B, R> List<R> mapSync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return this.<R>submitMap(f, false, as, bs).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, B, R> AsyncResult<List<R>> mapAsync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, false, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> map(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, null, as, bs, cs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results (in input order unless {@link #ordered()} is off). */
	public <A, B, C, R> List<R> mapSync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return this.<R>submitMap(f, false, as, bs, cs).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> mapAsync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, false, as, bs, cs);
	}

	/**
	 * Applies {@code f} element-wise, lazily: reads the input a chunk ({@link #chunksize()} items) at a
	 * time and keeps at most {@code maxOutstanding} chunks in flight (0: twice the engines), as the results
	 * are consumed; see {@link MapIterator}.
	 */
	public <A, R> MapIterator<R> imap(Fn1<A, R> f, Iterable<? extends A> as) {
		return lazyMap(f, as);
	}

	/** As {@link #imap(Fn1, Iterable)}, over two sequences of equal length. */
	public <A, B, R> MapIterator<R> imap(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return lazyMap(f, as, bs);
	}

	/** As {@link #imap(Fn1, Iterable)}, over three sequences of equal length. */
	public <A, B, C, R> MapIterator<R> imap(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs,
			Iterable<? extends C> cs) {
		return lazyMap(f, as, bs, cs);
	}

	/** Runs Java code in some engine's JShell namespace; the result is the display of its last expression. */
	public AsyncResult<String> execute(String code) {
		TaskFlags flags = this.flags;
		return this.support.result(List.of(this.support.executeTask(code, flags)), true, this.support.display,
				ViewSupport::first, flags.block());
	}

	/**
	 * Runs a {@link StringTask} on some engine: pushes its values, runs its code, pulls its names; the
	 * result maps each pulled name to its value. A name the engine lacks fails with a {@link RemoteError}.
	 */
	public AsyncResult<Map<String, Object>> run(StringTask task) {
		TaskFlags flags = this.flags;
		List<String> names = task.pulled();
		return this.support.result(List.of(this.support.runTask(task, flags)), true, reply -> {
			@SuppressWarnings("unchecked")
			List<Object> values = (List<Object>) this.support.values.decode(reply);
			if (values.size() != names.size()) {
				throw new IllegalStateException("the engine sent " + values.size() + " value(s) for the pulled names "
						+ names);
			}
			Map<String, Object> pulled = new java.util.LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				pulled.put(names.get(i), values.get(i));
			}
			return java.util.Collections.unmodifiableMap(pulled);
		}, ViewSupport::first, flags.block());
	}

	/**
	 * Aborts the tasks of {@code result} that have not started: they end with {@link TaskAborted}. Goes to
	 * the scheduler, which drops them from its queues or has their engine skip them.
	 * @return the ids of the tasks that will not run
	 * @throws IllegalStateException if it has already finished, or every task had started
	 */
	public List<String> abort(AsyncResult<?> result) {
		return this.support.stop(result.submissions(), false);
	}

	/**
	 * As {@link #abort(AsyncResult)}, and stops its tasks that are running too: they all end with
	 * {@link TaskAborted}.
	 */
	public List<String> cancel(AsyncResult<?> result) {
		return this.support.stop(result.submissions(), true);
	}

	/** Aborts every load-balanced task of this client that has not started; the ids of those that will not run. */
	public List<String> abort() {
		return this.support.abortAll(List.of(ViewSupport.LOAD_BALANCED));
	}

	/** This view as an {@link java.util.concurrent.ExecutorService}: the scheduler places each task, with the view's flags. */
	public ViewExecutor executor() {
		return new ViewExecutor(task -> call(task, NO_ARGS, false));
	}

	/** {@code f} as a local function that runs on some engine (ipyparallel's {@code @remote}). */
	public <A, R> java.util.function.Function<A, R> remote(Fn1<A, R> f) {
		return a -> applySync(f, a);
	}

	/** {@code f} as a local function over a list, load-balanced in chunks of {@link #chunksize()} (ipyparallel's {@code @parallel}). */
	public <A, R> java.util.function.Function<List<? extends A>, List<R>> parallel(Fn1<A, R> f) {
		return xs -> mapSync(f, xs);
	}

	private <R> AsyncResult<R> call(Object f, Object[] args, Boolean block) {
		TaskFlags flags = this.flags;
		return this.support.result(List.of(this.support.applyTask(f, args, flags)), true, this.support.value,
				ViewSupport::<R>first, (block != null) ? block : flags.block());
	}

	private <R> AsyncResult<List<R>> submitMap(Object f, Boolean block, Iterable<?>... sequences) {
		TaskFlags flags = this.flags;
		List<List<?>> lists = ViewSupport.sequences(sequences);
		int length = lists.get(0).size();
		int chunks = Math.max(1, (length + flags.chunksize() - 1) / flags.chunksize());
		List<Submission> submissions = this.support.mapTasks(f, lists, chunks, flags);
		Function<List<Object>, List<R>> combiner = flags.ordered() ? ViewSupport::<R>flatten
				: new CompletionOrder(submissions)::<R>flatten;
		return this.support.result(submissions, false, this.support.value, combiner,
				(block != null) ? block : flags.block());
	}

	private <R> MapIterator<R> lazyMap(Object f, Iterable<?>... sequences) {
		TaskFlags flags = this.flags;
		ApplyPayload function = this.support.payload(f);
		int maxOutstanding = (flags.maxOutstanding() > 0) ? flags.maxOutstanding()
				: 2 * Math.max(1, this.support.engineIds().size());
		return new MapIterator<R>(List.of(sequences), flags.chunksize(), maxOutstanding, flags.ordered(),
				chunk -> this.support.result(List.of(this.support.mapTask(function, chunk, flags)), true,
						this.support.value, ViewSupport::<R>flatten, false));
	}

	@Override
	public String toString() {
		return "LoadBalancedView" + this.flags.toString().substring("TaskFlags".length());
	}

}
