package io.jparallel.client;

import java.util.List;
import java.util.Map;

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
 * }</pre>
 */
public final class LoadBalancedView {

	private static final List<Integer> ANY_ENGINE = List.of(ViewSupport.LOAD_BALANCED);

	private static final Object[] NO_ARGS = new Object[0];

	private final ViewSupport support;

	private volatile boolean block;

	private final int chunksize;

	LoadBalancedView(ViewSupport support, boolean block, int chunksize) {
		if (chunksize < 1) {
			throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
		}
		this.support = support;
		this.block = block;
		this.chunksize = chunksize;
	}

	/** Whether calls wait for their results before returning. */
	public boolean block() {
		return this.block;
	}

	public LoadBalancedView setBlock(boolean block) {
		this.block = block;
		return this;
	}

	/** How many items of a map go into one task. */
	public int chunksize() {
		return this.chunksize;
	}

	/** A copy of this view whose maps send {@code chunksize} items per task. */
	public LoadBalancedView withChunksize(int chunksize) {
		return new LoadBalancedView(this.support, this.block, chunksize);
	}

	/** Calls {@code f} on some engine; waits first if this view blocks. */
	public <R> AsyncResult<R> apply(Fn0<R> f) {
		return call(f, NO_ARGS, this.block);
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
		return call(f, new Object[] { a }, this.block);
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
		return call(f, new Object[] { a, b }, this.block);
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
		return call(f, new Object[] { a, b, c }, this.block);
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
		return call(f, new Object[] { a, b, c, d }, this.block);
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
		return submitMap(f, this.block, as);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results, in order. */
	public <A, R> List<R> mapSync(Fn1<A, R> f, Iterable<? extends A> as) {
		return this.<R>submitMap(f, false, as).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, R> AsyncResult<List<R>> mapAsync(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, false, as);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> map(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, this.block, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results, in order. */
	public <A, B, R> List<R> mapSync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return this.<R>submitMap(f, false, as, bs).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, B, R> AsyncResult<List<R>> mapAsync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, false, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> map(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, this.block, as, bs, cs);
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler and waits for the results, in order. */
	public <A, B, C, R> List<R> mapSync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return this.<R>submitMap(f, false, as, bs, cs).get();
	}

	/** Applies {@code f} element-wise over the sequences, in tasks of {@link #chunksize()} items placed by the scheduler without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> mapAsync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, false, as, bs, cs);
	}

	/**
	 * Aborts the requests of {@code result} that no engine has run yet (they end with {@link TaskAborted}).
	 * @throws IllegalStateException if it has already finished
	 */
	public List<String> abort(AsyncResult<?> result) {
		List<String> unanswered = result.submissions().stream()
			.filter(submission -> !submission.reply().isDone())
			.map(io.jparallel.client.internal.Submission::msgId)
			.distinct()
			.toList();
		if (unanswered.isEmpty()) {
			throw new IllegalStateException("Cannot abort " + result.msgIds() + ": already finished");
		}
		return this.support.abort(unanswered, false);
	}

	/** Aborts every load-balanced request of this client that no engine has run yet. */
	public List<String> abort() {
		return this.support.abortAll(ANY_ENGINE);
	}

	/** This view as an {@link java.util.concurrent.ExecutorService}: the scheduler places each task. */
	public ViewExecutor executor() {
		return new ViewExecutor(task -> this.support.result(this.support.apply(task, NO_ARGS, ANY_ENGINE), true,
				this.support.value, ViewSupport::first, false), this.support);
	}

	/** {@code f} as a local function that runs on some engine (ipyparallel's {@code @remote}). */
	public <A, R> java.util.function.Function<A, R> remote(Fn1<A, R> f) {
		return a -> applySync(f, a);
	}

	/** {@code f} as a local function over a list, load-balanced in chunks of {@link #chunksize()} (ipyparallel's {@code @parallel}). */
	public <A, R> java.util.function.Function<List<? extends A>, List<R>> parallel(Fn1<A, R> f) {
		return xs -> mapSync(f, xs);
	}

	private <R> AsyncResult<R> call(Object f, Object[] args, boolean block) {
		return this.support.result(this.support.apply(f, args, ANY_ENGINE), true, this.support.value,
				ViewSupport::<R>first, block);
	}

	private <R> AsyncResult<List<R>> submitMap(Object f, boolean block, Iterable<?>... sequences) {
		List<List<?>> lists = ViewSupport.sequences(sequences);
		int length = lists.get(0).size();
		int chunks = Math.max(1, (length + this.chunksize - 1) / this.chunksize);
		return this.support.result(this.support.map(f, lists, ANY_ENGINE, chunks), false, this.support.value,
				ViewSupport::<R>flatten, block);
	}

	@Override
	public String toString() {
		return "LoadBalancedView[chunksize=" + this.chunksize + "]";
	}

}
