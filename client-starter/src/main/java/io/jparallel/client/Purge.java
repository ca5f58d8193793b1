package io.jparallel.client;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which finished records {@link Client#purgeResults(Purge)} deletes from the hub (pending ones are kept):
 * <pre>{@code
 * rc.purgeResults(Purge.all());
 * rc.purgeResults(Purge.results(ar));          // an AsyncResult's requests
 * rc.purgeResults(Purge.engines(0, 1));        // what engines 0 and 1 ran
 * rc.purgeResults(Purge.ids(List.of(id1, id2)).andEngines(3));
 * }</pre>
 */
public final class Purge {

	private final boolean all;

	private final List<String> msgIds;

	private final List<Integer> engineIds;

	private Purge(boolean all, List<String> msgIds, List<Integer> engineIds) {
		this.all = all;
		this.msgIds = List.copyOf(new LinkedHashSet<>(msgIds));
		this.engineIds = List.copyOf(new LinkedHashSet<>(engineIds));
	}

	/** Every finished record. */
	public static Purge all() {
		return new Purge(true, List.of(), List.of());
	}

	/** The records of these requests. */
	public static Purge ids(String... msgIds) {
		return ids(Arrays.asList(msgIds));
	}

	public static Purge ids(Collection<String> msgIds) {
		return new Purge(false, List.copyOf(msgIds), List.of());
	}

	/** The records of the requests of these results. */
	public static Purge results(AsyncResult<?>... results) {
		return new Purge(false, Arrays.stream(results).flatMap(result -> result.msgIds().stream()).toList(), List.of());
	}

	/** The records of what these engines ran. */
	public static Purge engines(int... engineIds) {
		return new Purge(false, List.of(), IntStream.of(engineIds).boxed().toList());
	}

	/** These, and what {@code engineIds} ran. */
	public Purge andEngines(int... engineIds) {
		List<Integer> engines = new java.util.ArrayList<>(this.engineIds);
		IntStream.of(engineIds).forEach(engines::add);
		return new Purge(this.all, this.msgIds, engines);
	}

	boolean everything() {
		return this.all;
	}

	List<String> msgIds() {
		return this.msgIds;
	}

	List<Integer> engineIds() {
		return this.engineIds;
	}

	boolean isEmpty() {
		return !this.all && this.msgIds.isEmpty() && this.engineIds.isEmpty();
	}

	@Override
	public String toString() {
		return this.all ? "Purge[all]" : "Purge[msgIds=" + this.msgIds + ", engines=" + this.engineIds + "]";
	}

}
