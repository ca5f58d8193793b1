package io.jparallel.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A task's dependency on earlier requests (ipyparallel's {@code Dependency}): by default it is met
 * when all of them have succeeded. Use it as {@code after} (run only once they are met) or
 * {@code follow} (run where they ran).
 * <pre>{@code
 * AsyncResult<Integer> a = lview.applyAsync(() -> 1);
 * AsyncResult<Integer> b = lview.applyAsync(() -> 2);
 * lview.withAfter(Dependency.on(a, b).any()).applyAsync(() -> "after a or b");
 * lview.withAfter(Dependency.on(a).successOrFailure()).applyAsync(() -> "after a, however it ended");
 * lview.withFollow(Dependency.on(a)).applyAsync(() -> "where a ran");
 * }</pre>
 * A request that has finished is sent with how it ended, so the scheduler need not remember it; a
 * direct (not load-balanced) request that has not finished yet cannot be depended on, since only this
 * client knows of it: wait for it first, or depend on a load-balanced task.
 */
public final class Dependency {

	private static final Dependency NONE = new Dependency(List.of(), List.of(), true, true, false);

	private final List<AsyncResult<?>> results;

	private final List<String> msgIds;

	private final boolean all;

	private final boolean success;

	private final boolean failure;

	private Dependency(List<AsyncResult<?>> results, List<String> msgIds, boolean all, boolean success,
			boolean failure) {
		this.results = List.copyOf(results);
		this.msgIds = List.copyOf(msgIds);
		this.all = all;
		this.success = success;
		this.failure = failure;
	}

	/** No dependency. */
	public static Dependency none() {
		return NONE;
	}

	/** A dependency on every request of these results. */
	public static Dependency on(AsyncResult<?>... results) {
		for (AsyncResult<?> result : results) {
			Objects.requireNonNull(result, "A dependency cannot be on a null result");
		}
		return new Dependency(Arrays.asList(results), List.of(), true, true, false);
	}

	/** A dependency on the requests with these ids (see {@link AsyncResult#msgIds()}). */
	public static Dependency on(String... msgIds) {
		for (String msgId : msgIds) {
			if (msgId == null || msgId.isBlank() || msgId.contains(",") || msgId.contains(":")) {
				throw new IllegalArgumentException("Not a msg id: '" + msgId + "'");
			}
		}
		return new Dependency(List.of(), Arrays.asList(msgIds), true, true, false);
	}

	/** Met when all of the requests are met (the default). */
	public Dependency all() {
		return new Dependency(this.results, this.msgIds, true, this.success, this.failure);
	}

	/** Met as soon as one of the requests is met. */
	public Dependency any() {
		return new Dependency(this.results, this.msgIds, false, this.success, this.failure);
	}

	/** A request counts as met when it succeeded (the default). */
	public Dependency successOnly() {
		return new Dependency(this.results, this.msgIds, this.all, true, false);
	}

	/** A request counts as met when it failed. */
	public Dependency failureOnly() {
		return new Dependency(this.results, this.msgIds, this.all, false, true);
	}

	/** A request counts as met when it finished, however. */
	public Dependency successOrFailure() {
		return new Dependency(this.results, this.msgIds, this.all, true, true);
	}

	/** Whether it names no request. */
	public boolean isEmpty() {
		return this.results.isEmpty() && this.msgIds.isEmpty();
	}

	/** The results depended on. */
	public List<AsyncResult<?>> results() {
		return this.results;
	}

	/** The msg ids depended on, besides {@link #results()}. */
	public List<String> msgIds() {
		return this.msgIds;
	}

	/** Whether all must be met (else any one). */
	public boolean requiresAll() {
		return this.all;
	}

	/** Whether a request that succeeded counts as met. */
	public boolean metBySuccess() {
		return this.success;
	}

	/** Whether a request that failed counts as met. */
	public boolean metByFailure() {
		return this.failure;
	}

	@Override
	public String toString() {
		int requests = this.msgIds.size() + this.results.stream().mapToInt(result -> result.msgIds().size()).sum();
		return "Dependency[" + requests + " request(s), " + (this.all ? "all" : "any") + ", "
				+ (this.success ? (this.failure ? "success or failure" : "success") : "failure") + "]";
	}

}
