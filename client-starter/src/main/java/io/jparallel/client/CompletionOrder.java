package io.jparallel.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.jparallel.client.internal.Submission;

/** The order in which a result's requests were answered, to combine their values in it ({@code ordered=false}). */
final class CompletionOrder {

	private final Queue<Integer> answered = new ConcurrentLinkedQueue<>();

	CompletionOrder(List<Submission> submissions) {
		for (int i = 0; i < submissions.size(); i++) {
			int index = i;
			submissions.get(i).reply().whenComplete((reply, error) -> this.answered.add(index));
		}
	}

	/** The chunks' values (given in request order) concatenated in the order they were answered. */
	@SuppressWarnings("unchecked")
	<T> List<T> flatten(List<Object> chunks) {
		Set<Integer> order = new LinkedHashSet<>(this.answered);
		for (int i = 0; i < chunks.size(); i++) {
			order.add(i);
		}
		List<T> flat = new ArrayList<>();
		for (int index : order) {
			flat.addAll((List<T>) chunks.get(index));
		}
		return flat;
	}

}
