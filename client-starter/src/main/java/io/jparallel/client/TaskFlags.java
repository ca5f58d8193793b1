package io.jparallel.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.tasks.Dependencies;
import io.jparallel.protocol.tasks.Requirement;

/**
 * The flags of a {@link LoadBalancedView} (ipyparallel's view flags), as an immutable value: each
 * {@code name(value)} method gives a copy with that flag changed.
 * <pre>{@code
 * lview.setFlags(f -> f.retries(2).timeout(Duration.ofSeconds(30)));       // the view's flags from now on
 * lview.withFlags(f -> f.after(ar).label("step 2")).applyAsync(step2);     // one call's
 * try (var temp = lview.tempFlags(f -> f.require("gpu; mem_gb >= 16"))) { ... }
 * }</pre>
 *
 * @param targets the engines a task may run on; empty: any
 * @param after requests a task waits for (time dependency)
 * @param follow requests a task runs where they ran (location dependency)
 * @param timeout how long a task may wait to start (for its dependencies or an engine), or {@code null} for ever;
 * then it fails with {@link DependencyTimeout} or {@link TaskTimeout}
 * @param retries how many times the scheduler resubmits a failed task (on another engine)
 * @param label a free label, shown in the scheduler's queue status and logs, or {@code null}
 * @param require predicates on engine properties a task's engine must meet (see {@link #require(String)}); empty: any
 * @param recovery a task run (load-balanced) when a task has finally failed, before the task is resubmitted once
 * more; or {@code null}
 * @param clearBefore whether the engine's namespace is cleared before the task runs
 * @param clearAfter whether it is cleared after the task ran
 * @param block whether calls wait for their results before returning
 * @param chunksize how many items of a map go into one task
 * @param ordered whether map results come in input order (else in the order the chunks completed)
 * @param maxOutstanding how many chunks of an {@code imap} may be in flight at once; 0: twice the engines
 */
public record TaskFlags(List<Integer> targets, Dependency after, Dependency follow, Duration timeout, int retries,
		String label, String require, Fn0<?> recovery, boolean clearBefore, boolean clearAfter, boolean block,
		int chunksize, boolean ordered, int maxOutstanding) {

	/** Any engine, no dependencies, no timeout, no retries, not blocking, chunksize 1, ordered. */
	public static final TaskFlags DEFAULTS = new TaskFlags(List.of(), Dependency.none(), Dependency.none(), null, 0,
			null, "", null, false, false, false, 1, true, 0);

	private static final Pattern PROPERTY_KEY = Pattern.compile("[^!=<>;\\s]+");

	public TaskFlags {
		targets = checkTargets(targets);
		after = (after != null) ? after : Dependency.none();
		follow = (follow != null) ? follow : Dependency.none();
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be positive (or null for none), was " + timeout);
		}
		if (retries < 0) {
			throw new IllegalArgumentException("retries must be at least 0, was " + retries);
		}
		if (label != null && label.isBlank()) {
			label = null;
		}
		require = Requirement.parse(require).toString();
		if (chunksize < 1) {
			throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
		}
		if (maxOutstanding < 0) {
			throw new IllegalArgumentException("maxOutstanding must be at least 0 (0: twice the engines), was "
					+ maxOutstanding);
		}
	}

	/** Tasks may run only on these engines. */
	public TaskFlags targets(int... engineIds) {
		return targets(Arrays.stream(engineIds).boxed().toList());
	}

	/** Tasks may run only on these engines; empty: any. */
	public TaskFlags targets(List<Integer> engineIds) {
		return new TaskFlags(engineIds, this.after, this.follow, this.timeout, this.retries, this.label, this.require,
				this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** Tasks wait until every request of these results has succeeded. */
	public TaskFlags after(AsyncResult<?>... results) {
		return after(Dependency.on(results));
	}

	/** Tasks wait until the requests with these ids have succeeded. */
	public TaskFlags after(String... msgIds) {
		return after(Dependency.on(msgIds));
	}

	/** Tasks wait until {@code dependency} is met; {@link Dependency#none()} for no wait. */
	public TaskFlags after(Dependency dependency) {
		return new TaskFlags(this.targets, dependency, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize,
				this.ordered, this.maxOutstanding);
	}

	/** Tasks run where every request of these results ran (and succeeded). */
	public TaskFlags follow(AsyncResult<?>... results) {
		return follow(Dependency.on(results));
	}

	/** Tasks run where the requests with these ids ran (and succeeded). */
	public TaskFlags follow(String... msgIds) {
		return follow(Dependency.on(msgIds));
	}

	/** Tasks run where {@code dependency}'s requests ran; {@link Dependency#none()} for anywhere. */
	public TaskFlags follow(Dependency dependency) {
		return new TaskFlags(this.targets, this.after, dependency, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize,
				this.ordered, this.maxOutstanding);
	}

	/** How long a task may wait to start; {@code null} for ever. */
	public TaskFlags timeout(Duration timeout) {
		return new TaskFlags(this.targets, this.after, this.follow, timeout, this.retries, this.label, this.require,
				this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** How many times the scheduler resubmits a failed task. */
	public TaskFlags retries(int retries) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, retries, this.label, this.require,
				this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** A label for the scheduler's queue status and logs; {@code null} for none. */
	public TaskFlags label(String label) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, label, this.require,
				this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/**
	 * Tasks run only on engines whose properties meet every clause: clauses separated by {@code ;}, each
	 * {@code key} (present and not {@code false}), {@code !key} (absent or {@code false}) or
	 * {@code key OP value} with {@code OP} one of {@code == != >= <= > <}, e.g.
	 * {@code "gpu; mem_gb >= 16; os == linux"}. Empty or {@code null}: any engine.
	 * @throws IllegalArgumentException naming a clause that is not understood
	 */
	public TaskFlags require(String clauses) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label, clauses,
				this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/**
	 * Tasks run only on engines whose properties equal these values ({@code key == value} each; a
	 * {@code null} value requires the key to be absent).
	 */
	public TaskFlags require(Map<String, ?> equalities) {
		return require(clauses(equalities));
	}

	/** The seeds' name for {@link #require(String)}. */
	public TaskFlags depend(String clauses) {
		return require(clauses);
	}

	/**
	 * A task to run (load-balanced, on the same {@code targets} and {@code require}) when a task has failed
	 * after its retries; the task is then submitted once more (without retries), and its result is that
	 * last attempt's (or the recovery's error, if the recovery fails). Not run for aborted tasks or tasks
	 * the scheduler could not place ({@link ImpossibleDependency}, timeouts). While the recovery task runs,
	 * the task cannot be depended on. {@code null}: none.
	 */
	public TaskFlags recovery(Fn0<?> recovery) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** Whether the engine's namespace is cleared before each task runs. */
	public TaskFlags clearBefore(boolean clearBefore) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, clearBefore, this.clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** Whether the engine's namespace is cleared after each task ran. */
	public TaskFlags clearAfter(boolean clearAfter) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, clearAfter, this.block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** Whether calls wait for their results before returning. */
	public TaskFlags block(boolean block) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, block, this.chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** How many items of a map go into one task. */
	public TaskFlags chunksize(int chunksize) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, this.block, chunksize, this.ordered,
				this.maxOutstanding);
	}

	/** Whether map results come in input order (else chunk by chunk, as they complete). */
	public TaskFlags ordered(boolean ordered) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize, ordered,
				this.maxOutstanding);
	}

	/** How many chunks of an {@code imap} may be in flight at once; 0: twice the engines. */
	public TaskFlags maxOutstanding(int chunks) {
		return new TaskFlags(this.targets, this.after, this.follow, this.timeout, this.retries, this.label,
				this.require, this.recovery, this.clearBefore, this.clearAfter, this.block, this.chunksize,
				this.ordered, chunks);
	}

	/**
	 * The request metadata of a task with these flags; dependencies are turned into their wire form by
	 * {@code resolve}.
	 */
	Map<String, String> metadata(Function<Dependency, Dependencies> resolve) {
		if (isPlain()) {
			return Map.of();
		}
		Map<String, String> metadata = new HashMap<>();
		if (!this.targets.isEmpty()) {
			metadata.put(MetadataKeys.TARGETS, String.join(",", this.targets.stream().map(String::valueOf).toList()));
		}
		putDependencies(metadata, resolve, this.after, MetadataKeys.AFTER, MetadataKeys.AFTER_MODE);
		putDependencies(metadata, resolve, this.follow, MetadataKeys.FOLLOW, MetadataKeys.FOLLOW_MODE);
		if (this.timeout != null) {
			metadata.put(MetadataKeys.TIMEOUT, seconds(this.timeout));
		}
		if (this.retries > 0) {
			metadata.put(MetadataKeys.RETRIES, String.valueOf(this.retries));
		}
		if (this.label != null) {
			metadata.put(MetadataKeys.LABEL, this.label);
		}
		if (!this.require.isEmpty()) {
			metadata.put(MetadataKeys.REQUIRE, this.require);
		}
		if (this.clearBefore) {
			metadata.put(MetadataKeys.CLEAR_BEFORE, "true");
		}
		if (this.clearAfter) {
			metadata.put(MetadataKeys.CLEAR_AFTER, "true");
		}
		return metadata;
	}

	/** Whether no flag goes into a task's metadata. */
	private boolean isPlain() {
		return this.targets.isEmpty() && this.after.isEmpty() && this.follow.isEmpty() && this.timeout == null
				&& this.retries == 0 && this.label == null && this.require.isEmpty() && !this.clearBefore
				&& !this.clearAfter;
	}

	private static void putDependencies(Map<String, String> metadata, Function<Dependency, Dependencies> resolve,
			Dependency dependency, String idsKey, String modeKey) {
		if (dependency.isEmpty()) {
			return;
		}
		Dependencies resolved = resolve.apply(dependency);
		if (!resolved.isEmpty()) {
			metadata.put(idsKey, resolved.idsValue());
			metadata.put(modeKey, resolved.modeValue());
		}
	}

	/** Seconds as a plain decimal: {@code 30}, {@code 1.5}. */
	static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros()
			.toPlainString();
	}

	private static String clauses(Map<String, ?> equalities) {
		List<String> clauses = new ArrayList<>(equalities.size());
		new TreeMap<String, Object>(equalities).forEach((key, value) -> {
			if (key == null || !PROPERTY_KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("Not a property name: '" + key + "'");
			}
			if (value == null) {
				clauses.add("!" + key);
				return;
			}
			String text = String.valueOf(value).strip();
			if (text.isEmpty() || text.contains(";")) {
				throw new IllegalArgumentException("Cannot require " + key + " == '" + value
						+ "': the value must be non-empty and must not contain ';'");
			}
			clauses.add(key + " == " + text);
		});
		return String.join("; ", clauses);
	}

	private static List<Integer> checkTargets(List<Integer> targets) {
		if (targets == null) {
			return List.of();
		}
		for (Integer target : targets) {
			if (target == null || target < 0) {
				throw new IllegalArgumentException("targets must be engine ids (0 or more), got " + targets);
			}
		}
		return List.copyOf(targets);
	}

	@Override
	public String toString() {
		StringJoiner flags = new StringJoiner(", ", "TaskFlags[", "]");
		if (!this.targets.isEmpty()) {
			flags.add("targets=" + this.targets);
		}
		if (!this.after.isEmpty()) {
			flags.add("after=" + this.after);
		}
		if (!this.follow.isEmpty()) {
			flags.add("follow=" + this.follow);
		}
		if (this.timeout != null) {
			flags.add("timeout=" + seconds(this.timeout) + " s");
		}
		if (this.retries > 0) {
			flags.add("retries=" + this.retries);
		}
		if (this.label != null) {
			flags.add("label=" + this.label);
		}
		if (!this.require.isEmpty()) {
			flags.add("require=" + this.require);
		}
		if (this.recovery != null) {
			flags.add("recovery");
		}
		if (this.clearBefore) {
			flags.add("clearBefore");
		}
		if (this.clearAfter) {
			flags.add("clearAfter");
		}
		flags.add("block=" + this.block).add("chunksize=" + this.chunksize).add("ordered=" + this.ordered);
		if (this.maxOutstanding > 0) {
			flags.add("maxOutstanding=" + this.maxOutstanding);
		}
		return flags.toString();
	}

}
