package io.jparallel.launcher.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.jparallel.client.Client;
import io.jparallel.client.Query;

import static org.awaitility.Awaitility.await;

/** Waits until the hub holds finished records of the given tasks, as {@code rc.dbQuery} gives them. */
final class HubRecords {

	private HubRecords() {
	}

	static List<Map<String, Object>> awaitFinished(Client rc, Collection<String> ids, Duration timeout) {
		List<Map<String, Object>> records = new ArrayList<>();
		await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
			records.clear();
			records.addAll(rc.dbQuery(Query.where("msg_id").in(ids).and("status").ne("pending"), "msg_id",
					"submitted", "started", "completed", "received", "engine_id", "status", "stdout", "resubmitted",
					"label"));
			return records.size() >= ids.size();
		});
		return records;
	}

	/** How many distinct tasks the records are of. */
	static long distinctTasks(List<Map<String, Object>> records) {
		return records.stream()
			.map(record -> HubAuditScenarios.field(record, "msg_id", "msgId"))
			.filter(java.util.Objects::nonNull)
			.distinct()
			.count();
	}

}
