package io.jparallel.hub.query;

import java.util.List;
import java.util.Map;

/**
 * What a query found.
 *
 * @param records the matching records, in submission order, as {@link RecordJson} makes them
 * @param truncated whether more records matched than were returned (the record cap or size budget)
 */
public record QueryResult(List<Map<String, Object>> records, boolean truncated) {

	public QueryResult {
		records = List.copyOf(records);
	}

}
