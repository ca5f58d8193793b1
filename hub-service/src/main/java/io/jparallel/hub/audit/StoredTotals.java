package io.jparallel.hub.audit;

/**
 * What the audit holds.
 *
 * @param records task records
 * @param bytes bytes of signed requests and replies they hold
 * @param pending records of requests not answered yet
 */
public record StoredTotals(Long records, Long bytes, Long pending) {

	public StoredTotals {
		records = (records != null) ? records : 0L;
		bytes = (bytes != null) ? bytes : 0L;
		pending = (pending != null) ? pending : 0L;
	}

}
