package io.jparallel.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.function.Fn2;
import io.jparallel.protocol.function.Fn3;
import io.jparallel.protocol.function.Fn4;

/**
 * A view on several engines, addressed explicitly (the MUX interface): every call runs on every
 * target and gives one result per target, in target order.
 * <pre>{@code
 * DirectView dview = rc.all();
 * List<Integer> products = dview.applySync(mul, 5, 6);        // [30, 30, 30, 30]
 * dview.push(Map.of("a", 5, "b", 10));
 * dview.execute("var c = a + b;", CallOptions.targets(0, 2));
 * List<Integer> c = dview.<Integer>pull("c").get();
 * }</pre>
 * {@code targets} and {@code block} are attributes of the view and can be overridden per call with
 * {@link CallOptions}.
 */
public final class DirectView {

	private final ViewSupport support;

	private volatile List<Integer> targets;

	private volatile boolean block;

	DirectView(ViewSupport support, List<Integer> targets, boolean block) {
		this.support = support;
		this.targets = checkTargets(targets);
		this.block = block;
	}

	/** The engines this view runs on. */
	public List<Integer> targets() {
		return this.targets;
	}

	public DirectView setTargets(List<Integer> targets) {
		this.targets = checkTargets(targets);
		return this;
	}

	/** Whether calls wait for their results before returning. */
	public boolean block() {
		return this.block;
	}

	public DirectView setBlock(boolean block) {
		this.block = block;
		return this;
	}

	/** Runs Java code in each target's JShell namespace; the results are each engine's display of the last expression. */
	public AsyncResult<List<String>> execute(String code) {
		return execute(code, null);
	}

	public AsyncResult<List<String>> execute(String code, CallOptions options) {
		return this.support.result(this.support.execute(code, targets(options)), false, this.support.display,
				ViewSupport::all, block(options));
	}

	/** Sets variables in each target's namespace. */
	public AsyncResult<Void> push(Map<String, ?> namespace) {
		return push(namespace, null);
	}

	public AsyncResult<Void> push(Map<String, ?> namespace, CallOptions options) {
		return this.support.result(this.support.push(namespace, targets(options)), false, this.support.nothing,
				values -> null, block(options));
	}

	/** The value of a variable on each target. */
	public <T> AsyncResult<List<T>> pull(String name) {
		return pull(name, null);
	}

	public <T> AsyncResult<List<T>> pull(String name, CallOptions options) {
		return this.support.result(this.support.pull(List.of(name), targets(options)), false, this.support.value,
				ViewSupport::all, block(options));
	}

	/** Dict-style read: the value of {@code name} on each target, waiting for it. */
	public <T> List<T> get(String name) {
		return this.<T>pull(name, CallOptions.block(false)).get();
	}

	/** Dict-style write: sets {@code name} on each target, waiting until done. */
	public void put(String name, Object value) {
		Map<String, Object> namespace = new java.util.HashMap<>();
		namespace.put(name, value);
		push(namespace, CallOptions.block(false)).get();
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <R> AsyncResult<List<R>> apply(Fn0<R> f) {
		return this.support.result(this.support.apply(f, new Object[0], this.targets), false, this.support.value, ViewSupport::<R>all, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <R> List<R> applySync(Fn0<R> f) {
		return this.support.result(this.support.apply(f, new Object[0], this.targets), false, this.support.value, ViewSupport::<R>all, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <R> AsyncResult<List<R>> applyAsync(Fn0<R> f) {
		return this.support.result(this.support.apply(f, new Object[0], this.targets), false, this.support.value, ViewSupport::<R>all, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, R> AsyncResult<List<R>> apply(Fn1<A, R> f, A a) {
		return this.support.result(this.support.apply(f, new Object[] { a }, this.targets), false, this.support.value, ViewSupport::<R>all, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, R> List<R> applySync(Fn1<A, R> f, A a) {
		return this.support.result(this.support.apply(f, new Object[] { a }, this.targets), false, this.support.value, ViewSupport::<R>all, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, R> AsyncResult<List<R>> applyAsync(Fn1<A, R> f, A a) {
		return this.support.result(this.support.apply(f, new Object[] { a }, this.targets), false, this.support.value, ViewSupport::<R>all, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> apply(Fn2<A, B, R> f, A a, B b) {
		return this.support.result(this.support.apply(f, new Object[] { a, b }, this.targets), false, this.support.value, ViewSupport::<R>all, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, R> List<R> applySync(Fn2<A, B, R> f, A a, B b) {
		return this.support.result(this.support.apply(f, new Object[] { a, b }, this.targets), false, this.support.value, ViewSupport::<R>all, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, R> AsyncResult<List<R>> applyAsync(Fn2<A, B, R> f, A a, B b) {
		return this.support.result(this.support.apply(f, new Object[] { a, b }, this.targets), false, this.support.value, ViewSupport::<R>all, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> apply(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c }, this.targets), false, this.support.value, ViewSupport::<R>all, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, C, R> List<R> applySync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c }, this.targets), false, this.support.value, ViewSupport::<R>all, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> applyAsync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c }, this.targets), false, this.support.value, ViewSupport::<R>all, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, C, D, R> AsyncResult<List<R>> apply(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c, d }, this.targets), false, this.support.value, ViewSupport::<R>all, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, C, D, R> List<R> applySync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c, d }, this.targets), false, this.support.value, ViewSupport::<R>all, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, C, D, R> AsyncResult<List<R>> applyAsync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.support.result(this.support.apply(f, new Object[] { a, b, c, d }, this.targets), false, this.support.value, ViewSupport::<R>all, false);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets; waits first if this view blocks. */
	public <A, R> AsyncResult<List<R>> map(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, this.block, as);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets and waits for the results, in order. */
	public <A, R> List<R> mapSync(Fn1<A, R> f, Iterable<? extends A> as) {
		return this.<R>submitMap(f, false, as).get();
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets without waiting. */
	public <A, R> AsyncResult<List<R>> mapAsync(Fn1<A, R> f, Iterable<? extends A> as) {
		return submitMap(f, false, as);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> map(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, this.block, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets and waits for the results, in order. */
	public <A, B, R> List<R> mapSync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return this.<R>submitMap(f, false, as, bs).get();
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets without waiting. */
	public <A, B, R> AsyncResult<List<R>> mapAsync(Fn2<A, B, R> f, Iterable<? extends A> as, Iterable<? extends B> bs) {
		return submitMap(f, false, as, bs);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> map(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, this.block, as, bs, cs);
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets and waits for the results, in order. */
	public <A, B, C, R> List<R> mapSync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return this.<R>submitMap(f, false, as, bs, cs).get();
	}

	/** Applies {@code f} element-wise over the sequences, split evenly across the targets without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> mapAsync(Fn3<A, B, C, R> f, Iterable<? extends A> as, Iterable<? extends B> bs, Iterable<? extends C> cs) {
		return submitMap(f, false, as, bs, cs);
	}

	private <R> AsyncResult<List<R>> submitMap(Object f, boolean block, Iterable<?>... sequences) {
		return this.support.result(this.support.map(f, ViewSupport.sequences(sequences), this.targets,
				this.targets.size()), false, this.support.value, ViewSupport::<R>flatten, block);
	}

	private List<Integer> targets(CallOptions options) {
		return (options != null && options.targets() != null) ? checkTargets(options.targets()) : this.targets;
	}

	private boolean block(CallOptions options) {
		return (options != null && options.block() != null) ? options.block() : this.block;
	}

	private static List<Integer> checkTargets(List<Integer> targets) {
		if (targets == null || targets.isEmpty()) {
			throw new IllegalArgumentException("A direct view needs at least one target engine");
		}
		return List.copyOf(new ArrayList<>(targets));
	}

	@Override
	public String toString() {
		return "DirectView" + this.targets;
	}

}
