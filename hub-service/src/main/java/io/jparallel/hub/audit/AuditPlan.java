package io.jparallel.hub.audit;

import java.util.List;
import java.util.stream.Stream;

/**
 * What one batch changes in the table: records to delete (before anything else), to insert whole, and
 * stored ones whose request or reply columns to set.
 *
 * @param deletes ids of records to delete
 * @param inserts new records
 * @param requestUpdates stored records taking a request
 * @param replyUpdates stored records taking a reply
 * @param skipped messages that make no record (neither {@code *_request} nor {@code *_reply})
 */
record AuditPlan(List<String> deletes, List<TaskRecord> inserts, List<TaskRecord> requestUpdates,
		List<TaskRecord> replyUpdates, int skipped) {

	/** How many records the plan creates or changes. */
	int records() {
		return this.inserts.size() + (int) Stream.concat(this.requestUpdates.stream(), this.replyUpdates.stream())
			.map(TaskRecord::getId)
			.distinct()
			.count();
	}

}
