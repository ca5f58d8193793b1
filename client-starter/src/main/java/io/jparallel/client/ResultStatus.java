package io.jparallel.client;

import java.util.List;

/**
 * Where requests stand at the hub ({@link Client#resultStatus(String...)}, ipyparallel's {@code result_status}).
 *
 * @param completed ids answered (every engine, for a broadcast)
 * @param pending ids recorded and not answered yet
 * @param unknown ids the hub has no record of (never sent, or purged)
 */
public record ResultStatus(List<String> completed, List<String> pending, List<String> unknown) {

	public ResultStatus {
		completed = List.copyOf(completed);
		pending = List.copyOf(pending);
		unknown = List.copyOf(unknown);
	}

	/** Whether every id asked about is answered. */
	public boolean allCompleted() {
		return this.pending.isEmpty() && this.unknown.isEmpty();
	}

}
