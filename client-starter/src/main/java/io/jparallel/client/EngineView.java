package io.jparallel.client;

import java.util.List;
import java.util.Map;

import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.function.Fn3;
import io.jparallel.protocol.function.Fn4;

/**
 * A view on one engine: every call runs there and gives that engine's result.
 * <pre>{@code
 * EngineView e0 = rc.get(0);
 * int thirty = e0.applySync(mul, 5, 6);
 * e0.put("a", 5);
 * int a = e0.get("a");
 * }</pre>
 */
public final class EngineView {

	private static final Object[] NO_ARGS = new Object[0];

	private final ViewSupport support;

	private final int engineId;

	private final List<Integer> target;

	private volatile boolean block;

	EngineView(ViewSupport support, int engineId, boolean block) {
		this.support = support;
		this.engineId = engineId;
		this.target = List.of(engineId);
		this.block = block;
	}

	/** The engine this view runs on. */
	public int engineId() {
		return this.engineId;
	}

	/** Whether calls wait for their results before returning. */
	public boolean block() {
		return this.block;
	}

	public EngineView setBlock(boolean block) {
		this.block = block;
		return this;
	}

	/** Runs Java code in the engine's JShell namespace; the result is the display of the last expression. */
	public AsyncResult<String> execute(String code) {
		return this.support.result(this.support.execute(code, this.target), true, this.support.display,
				ViewSupport::first, this.block);
	}

	/**
	 * Sets variables in the engine's namespace. A primitive array of at least the bulk threshold (1 MiB) is read
	 * when the engine fetches it: change it only once the push completed.
	 */
	public AsyncResult<Void> push(Map<String, ?> namespace) {
		return this.support.result(this.support.push(namespace, this.target), true, this.support.nothing,
				values -> null, this.block);
	}

	/** The value of a variable. */
	public <T> AsyncResult<T> pull(String name) {
		return this.support.result(this.support.pull(List.of(name), this.target), true, this.support.value,
				ViewSupport::first, this.block);
	}

	/** Dict-style read: the value of {@code name}, waiting for it. */
	public <T> T get(String name) {
		return this.support.<T>result(this.support.pull(List.of(name), this.target), true, this.support.value,
				ViewSupport::first, false).get();
	}

	/** Dict-style write: sets {@code name}, waiting until done. */
	public void put(String name, Object value) {
		Map<String, Object> namespace = new java.util.HashMap<>();
		namespace.put(name, value);
		this.support.result(this.support.push(namespace, this.target), true, this.support.nothing, values -> null,
				false).get();
	}

	/** The values of several variables, in the order of {@code names}; a missing one fails with a {@link RemoteError} naming it. */
	public AsyncResult<List<Object>> pull(List<String> names) {
		return this.support.result(this.support.pull(names, this.target), true, this.support.values,
				ViewSupport::first, this.block);
	}

	/** A fresh namespace on this engine; classes this client shipped there are forgotten. */
	public AsyncResult<Void> clear() {
		return this.support.result(this.support.clear(this.target, false), true, this.support.nothing,
				values -> null, this.block);
	}

	/**
	 * Aborts the request of {@code result} if it has not run yet (it ends with {@link TaskAborted}).
	 * @throws IllegalStateException if it has already finished
	 */
	public List<String> abort(AsyncResult<?> result) {
		return asDirectView().abort(result);
	}

	/** Aborts every request this client sent to this engine that has not run yet. */
	public List<String> abort() {
		return this.support.abortAll(this.target);
	}

	/** This engine's properties; see {@link DirectView#getProperties()}. */
	public Map<String, String> getProperties() {
		return this.support.properties(this.target, null).get(this.engineId);
	}

	/** Sets properties on this engine (a {@code null} value removes the key); its properties after the change. */
	public Map<String, String> setProperties(Map<String, ?> properties) {
		return this.support.properties(this.target, properties).get(this.engineId);
	}

	/** Stops this engine cleanly; see {@link DirectView#shutdown()}. */
	public void shutdown() {
		this.support.shutdown(this.target);
	}

	/** Makes a library available on this engine; see {@link DirectView#addClasspath(String)}. */
	public void addClasspath(String coordinatesOrJar) {
		asDirectView().addClasspath(coordinatesOrJar);
	}

	/** This engine as an {@link java.util.concurrent.ExecutorService}; see {@link ViewExecutor}. */
	public ViewExecutor executor() {
		return asDirectView().executor();
	}

	/** {@code f} as a local function that runs on this engine. */
	public <A, R> java.util.function.Function<A, R> remote(Fn1<A, R> f) {
		return a -> applySync(f, a);
	}

	/** A {@link DirectView} on just this engine. */
	public DirectView asDirectView() {
		return new DirectView(this.support, this.target, this.block);
	}

	/** Calls {@code f} on this engine; waits first if this view blocks. */
	public <R> AsyncResult<R> apply(Fn0<R> f) {
		return call(f, NO_ARGS, this.block);
	}

	/** Calls {@code f} on this engine and waits for the result. */
	public <R> R applySync(Fn0<R> f) {
		return this.<R>call(f, NO_ARGS, false).get();
	}

	/** Calls {@code f} on this engine without waiting. */
	public <R> AsyncResult<R> applyAsync(Fn0<R> f) {
		return call(f, NO_ARGS, false);
	}

	/** Calls {@code f} on this engine; waits first if this view blocks. */
	public <A, R> AsyncResult<R> apply(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, this.block);
	}

	/** Calls {@code f} on this engine and waits for the result. */
	public <A, R> R applySync(Fn1<A, R> f, A a) {
		return this.<R>call(f, new Object[] { a }, false).get();
	}

	/** Calls {@code f} on this engine without waiting. */
	public <A, R> AsyncResult<R> applyAsync(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, false);
	}

	/** Calls {@code f} on this engine; waits first if this view blocks. */
	public <A, B, R> AsyncResult<R> apply(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, this.block);
	}

	/** Calls {@code f} on this engine and waits for the result. */
	public <A, B, R> R applySync(Fn2<A, B, R> f, A a, B b) {
		return this.<R>call(f, new Object[] { a, b }, false).get();
	}

	/** Calls {@code f} on this engine without waiting. */
	public <A, B, R> AsyncResult<R> applyAsync(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, false);
	}

	/** Calls {@code f} on this engine; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<R> apply(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, this.block);
	}

	/** Calls {@code f} on this engine and waits for the result. */
	public <A, B, C, R> R applySync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.<R>call(f, new Object[] { a, b, c }, false).get();
	}

	/** Calls {@code f} on this engine without waiting. */
	public <A, B, C, R> AsyncResult<R> applyAsync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, false);
	}

	/** Calls {@code f} on this engine; waits first if this view blocks. */
	public <A, B, C, D, R> AsyncResult<R> apply(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, this.block);
	}

	/** Calls {@code f} on this engine and waits for the result. */
	public <A, B, C, D, R> R applySync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.<R>call(f, new Object[] { a, b, c, d }, false).get();
	}

	/** Calls {@code f} on this engine without waiting. */
	public <A, B, C, D, R> AsyncResult<R> applyAsync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, false);
	}

	/** Applies {@code f} element-wise over the sequences on this engine; waits first if this view blocks. */
	public <A, R> AsyncResult<List<R>> map(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, this.block, as);
	}

	/** Applies {@code f} element-wise over the sequences on this engine and waits for the results, in order. */
	public <A, R> List<R> mapSync(Fn1<A, R> f, Iterable<? extends A> as) {
		return this.<R>submitMap(f, false, as).get();
	}

	/** Applies {@code f} element-wise over the sequences on this engine without waiting. */
	public <A, R> AsyncResult<List<R>> mapAsync(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, false, as);
	}

	/** Applies {@code f} element-wise over the sequences on this engine; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> map(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, this.block, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences on this engine and waits for the results, in order. */
	public <A, B, R> List<R> mapSync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return this.<R>submitMap(f, false, as, bs).get();
	}

	/** Applies {@code f} element-wise over the sequences on this engine without waiting. */
	public <A, B, R> AsyncResult<List<R>> mapAsync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, false, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences on this engine; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> map(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, this.block, as, bs, cs);
	}

	/** Applies {@code f} element-wise over the sequences on this engine and waits for the results, in order. */
	public <A, B, C, R> List<R> mapSync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return this.<R>submitMap(f, false, as, bs, cs).get();
	}

	/** Applies {@code f} element-wise over the sequences on this engine without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> mapAsync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, false, as, bs, cs);
	}

	private <R> AsyncResult<R> call(Object f, Object[] args, boolean block) {
		return this.support.result(this.support.apply(f, args, this.target), true, this.support.value,
				ViewSupport::<R>first, block);
	}

	private <R> AsyncResult<List<R>> submitMap(Object f, boolean block, Iterable<?>... sequences) {
		return this.support.result(this.support.map(f, ViewSupport.sequences(sequences), this.target, 1), true,
				this.support.value, ViewSupport::<R>flatten, block);
	}

	@Override
	public String toString() {
		return "EngineView[" + this.engineId + "]";
	}

}
