package io.jparallel.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.jparallel.client.internal.MavenArtifacts;
import io.jparallel.client.internal.Submission;
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
 * dview.scatter("x", IntStream.range(0, 16).boxed().toList()).get();   // 4 contiguous quarters
 * dview.execute("var y = x.stream().map(v -> v * v).toList();").get();
 * List<Integer> squares = dview.<Integer>gather("y").get();
 * }</pre>
 * {@code targets} and {@code block} are attributes of the view and can be overridden per call with
 * {@link CallOptions}.
 */
public class DirectView {

	private static final Object[] NO_ARGS = new Object[0];

	final ViewSupport support;

	private final boolean broadcast;

	private volatile List<Integer> targets;

	private volatile boolean block;

	DirectView(ViewSupport support, List<Integer> targets, boolean block) {
		this(support, targets, block, false);
	}

	DirectView(ViewSupport support, List<Integer> targets, boolean block, boolean broadcast) {
		this.support = support;
		this.targets = checkTargets(targets);
		this.block = block;
		this.broadcast = broadcast;
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
		return this.support.result(this.support.execute(code, targets(options), this.broadcast), false,
				this.support.display, ViewSupport::all, block(options));
	}

	/**
	 * Sets variables in each target's namespace. A primitive array of at least the bulk threshold (1 MiB) is read
	 * when each engine fetches it: change it only once the push completed.
	 */
	public AsyncResult<Void> push(Map<String, ?> namespace) {
		return push(namespace, null);
	}

	public AsyncResult<Void> push(Map<String, ?> namespace, CallOptions options) {
		return done(this.support.push(namespace, targets(options), this.broadcast), block(options));
	}

	/** The value of a variable on each target. */
	public <T> AsyncResult<List<T>> pull(String name) {
		return pull(name, null);
	}

	public <T> AsyncResult<List<T>> pull(String name, CallOptions options) {
		return this.support.result(this.support.pull(List.of(name), targets(options), this.broadcast), false,
				this.support.value, ViewSupport::all, block(options));
	}

	/**
	 * The values of several variables on each target: one list per engine, the values in the order of
	 * {@code names}. A name an engine lacks fails with a {@link RemoteError} naming it.
	 */
	public AsyncResult<List<List<Object>>> pull(List<String> names) {
		return pull(names, null);
	}

	public AsyncResult<List<List<Object>>> pull(List<String> names, CallOptions options) {
		return this.support.result(this.support.pull(names, targets(options), this.broadcast), false,
				this.support.values, ViewSupport::all, block(options));
	}

	/** The values of several variables, by name: for each name, its value on each target in target order. */
	public AsyncResult<Map<String, List<Object>>> pullByName(List<String> names) {
		List<String> order = List.copyOf(names);
		return this.support.result(this.support.pull(order, this.targets, this.broadcast), false, this.support.values,
				perEngine -> byName(order, perEngine), this.block);
	}

	/** Dict-style read: the value of {@code name} on each target, waiting for it. */
	public <T> List<T> get(String name) {
		return this.<T>pull(name, CallOptions.block(false)).get();
	}

	/** Dict-style write: sets {@code name} on each target, waiting until done. */
	public void put(String name, Object value) {
		Map<String, Object> namespace = new HashMap<>();
		namespace.put(name, value);
		push(namespace, CallOptions.block(false)).get();
	}

	/**
	 * Partitions a {@code List} or an array (primitive arrays too) into contiguous parts, one per target
	 * in target order (the first {@code n % targets} parts one element longer), and sets {@code name} to
	 * its part on each target: a list for a list, an array of the same type for an array.
	 */
	public AsyncResult<Void> scatter(String name, Object sequence) {
		return scatter(name, sequence, null);
	}

	/** As {@link #scatter(String, Object)}; with {@link CallOptions#flattened()} a one-element part is pushed as that element. */
	public AsyncResult<Void> scatter(String name, Object sequence, CallOptions options) {
		boolean flatten = options != null && options.flatten();
		return done(this.support.scatter(name, sequence, targets(options), flatten), block(options));
	}

	/** Concatenates {@code name} from each target, in target order (lists, arrays and single values alike). */
	public <T> AsyncResult<List<T>> gather(String name) {
		return gather(name, null);
	}

	@SuppressWarnings("unchecked")
	public <T> AsyncResult<List<T>> gather(String name, CallOptions options) {
		return this.support.result(this.support.pull(List.of(name), targets(options), false), false,
				this.support.value, parts -> (List<T>) Sequences.concat(parts), block(options));
	}

	/** Concatenates {@code name} from each target into one array, e.g. {@code gatherArray("x", int[].class)}. */
	public <A> AsyncResult<A> gatherArray(String name, Class<A> arrayType) {
		return this.support.result(this.support.pull(List.of(name), this.targets, false), false, this.support.value,
				parts -> Sequences.concatArrays(parts, arrayType), this.block);
	}

	/** A fresh namespace on each target; classes this client shipped there are forgotten. Added class path stays. */
	public AsyncResult<Void> clear() {
		return clear(null);
	}

	public AsyncResult<Void> clear(CallOptions options) {
		return done(this.support.clear(targets(options), this.broadcast), block(options));
	}

	/**
	 * Aborts the requests of {@code result} that have not run yet: they end with {@link TaskAborted}.
	 * @return the ids of the requests that will not run
	 * @throws IllegalStateException if the result is already complete, or the engines had run all of it
	 */
	public List<String> abort(AsyncResult<?> result) {
		return this.support.stop(result.submissions(), false);
	}

	/**
	 * Aborts the requests with these ids, sent by this client and not yet run.
	 * @throws IllegalStateException if one of them has already finished
	 */
	public List<String> abort(List<String> msgIds) {
		return this.support.abort(msgIds, true, false);
	}

	/** Aborts every request this client sent to this view's targets that has not run yet. */
	public List<String> abort() {
		return this.support.abortAll(this.targets);
	}

	/**
	 * Each target's properties (what {@code require} flags of load-balanced tasks select engines by), by
	 * engine id in target order.
	 * <pre>{@code
	 * rc.view(0, 1).setProperties(Map.of("gpu", true, "mem_gb", 64));
	 * rc.all().getProperties();                            // {0={gpu=true, mem_gb=64}, 1={...}, 2={}, 3={}}
	 * rc.loadBalancedView().withRequire("gpu; mem_gb >= 32").applyAsync(train);
	 * }</pre>
	 */
	public Map<Integer, Map<String, String>> getProperties() {
		return this.support.properties(this.targets, null);
	}

	/**
	 * Sets properties on each target (values as text; a {@code null} value removes the key) and gives each
	 * target's properties after the change. The hub learns them too ({@link Client#engineProperties()}).
	 */
	public Map<Integer, Map<String, String>> setProperties(Map<String, ?> properties) {
		return this.support.properties(this.targets, properties);
	}

	/**
	 * Stops the targets cleanly: each finishes the request it is running, unregisters and exits; their
	 * ids are never used again. Returns once the cluster has announced them gone.
	 */
	public void shutdown() {
		this.support.shutdown(this.targets);
	}

	/**
	 * Makes a library available on every target, to {@code execute} and to shipped functions (the JVM's
	 * {@code sync_imports}): Maven coordinates {@code groupId:artifactId:version} (taken from the local
	 * Maven repository, or downloaded from Maven Central into it) or the path of a jar. Only that jar is
	 * added, not its dependencies. Waits until every target has it.
	 * <pre>{@code
	 * dview.addClasspath("org.apache.commons:commons-math3:3.6.1");
	 * dview.execute("org.apache.commons.math3.util.ArithmeticUtils.gcd(12, 18)").get();   // ["6", ...]
	 * }</pre>
	 * @throws JParallelException if the coordinates cannot be resolved, saying where it looked
	 */
	public void addClasspath(String coordinatesOrJar) {
		addClasspath(MavenArtifacts.resolve(coordinatesOrJar));
	}

	public void addClasspath(Path jar) {
		done(this.support.addClasspath(jar, this.targets, this.broadcast), false).get();
	}

	/**
	 * This view as an {@link java.util.concurrent.ExecutorService}: each task runs on one target, taken
	 * in turn.
	 */
	public ViewExecutor executor() {
		List<Integer> on = this.targets;
		AtomicInteger next = new AtomicInteger();
		return new ViewExecutor(task -> this.support.result(
				this.support.apply(task, NO_ARGS, List.of(on.get(Math.floorMod(next.getAndIncrement(), on.size())))),
				true, this.support.value, ViewSupport::first, false));
	}

	/** {@code f} as a local function that runs on every target and gives their results (ipyparallel's {@code @remote}). */
	public <R> Supplier<List<R>> remote(Fn0<R> f) {
		return () -> applySync(f);
	}

	public <A, R> Function<A, List<R>> remote(Fn1<A, R> f) {
		return a -> applySync(f, a);
	}

	public <A, B, R> BiFunction<A, B, List<R>> remote(Fn2<A, B, R> f) {
		return (a, b) -> applySync(f, a, b);
	}

	/** {@code f} as a local function over a list, mapped in parallel over the targets (ipyparallel's {@code @parallel}). */
	public <A, R> Function<List<? extends A>, List<R>> parallel(Fn1<A, R> f) {
		return xs -> mapSync(f, xs);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <R> AsyncResult<List<R>> apply(Fn0<R> f) {
		return call(f, NO_ARGS, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <R> List<R> applySync(Fn0<R> f) {
		return this.<R>call(f, NO_ARGS, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <R> AsyncResult<List<R>> applyAsync(Fn0<R> f) {
		return call(f, NO_ARGS, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, R> AsyncResult<List<R>> apply(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, R> List<R> applySync(Fn1<A, R> f, A a) {
		return this.<R>call(f, new Object[] { a }, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, R> AsyncResult<List<R>> applyAsync(Fn1<A, R> f, A a) {
		return call(f, new Object[] { a }, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, R> AsyncResult<List<R>> apply(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, R> List<R> applySync(Fn2<A, B, R> f, A a, B b) {
		return this.<R>call(f, new Object[] { a, b }, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, R> AsyncResult<List<R>> applyAsync(Fn2<A, B, R> f, A a, B b) {
		return call(f, new Object[] { a, b }, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, C, R> AsyncResult<List<R>> apply(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, C, R> List<R> applySync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return this.<R>call(f, new Object[] { a, b, c }, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, C, R> AsyncResult<List<R>> applyAsync(Fn3<A, B, C, R> f, A a, B b, C c) {
		return call(f, new Object[] { a, b, c }, false);
	}

	/** Calls {@code f} on every target; waits first if this view blocks. */
	public <A, B, C, D, R> AsyncResult<List<R>> apply(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, this.block);
	}

	/** Calls {@code f} on every target and waits for the result. */
	public <A, B, C, D, R> List<R> applySync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return this.<R>call(f, new Object[] { a, b, c, d }, false).get();
	}

	/** Calls {@code f} on every target without waiting. */
	public <A, B, C, D, R> AsyncResult<List<R>> applyAsync(Fn4<A, B, C, D, R> f, A a, B b, C c, D d) {
		return call(f, new Object[] { a, b, c, d }, false);
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

	private <R> AsyncResult<List<R>> call(Object f, Object[] args, boolean block) {
		return this.support.result(this.support.apply(f, args, this.targets, this.broadcast), false, this.support.value,
				ViewSupport::<R>all, block);
	}

	private <R> AsyncResult<List<R>> submitMap(Object f, boolean block, Iterable<?>... sequences) {
		return this.support.result(this.support.map(f, ViewSupport.sequences(sequences), this.targets,
				this.targets.size()), false, this.support.value, ViewSupport::<R>flatten, block);
	}

	private AsyncResult<Void> done(List<Submission> submissions, boolean block) {
		return this.support.result(submissions, false, this.support.nothing, values -> null, block);
	}

	private static Map<String, List<Object>> byName(List<String> names, List<Object> perEngine) {
		Map<String, List<Object>> byName = new LinkedHashMap<>();
		names.forEach(name -> byName.put(name, new ArrayList<>(perEngine.size())));
		for (Object values : perEngine) {
			List<?> list = (List<?>) values;
			for (int i = 0; i < names.size(); i++) {
				byName.get(names.get(i)).add(list.get(i));
			}
		}
		return byName;
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
		return getClass().getSimpleName() + this.targets;
	}

}
