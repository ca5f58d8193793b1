package io.jparallel.hub.audit;

import java.util.List;

/**
 * The audit's caps: most records, most bytes of requests and replies.
 *
 * @param maxRecords most records
 * @param maxBytes most bytes
 */
record RetentionCaps(long maxRecords, long maxBytes) {

	/** Whether what is held is over either cap. */
	boolean exceeded(long records, long bytes) {
		return records > this.maxRecords || bytes > this.maxBytes;
	}

	/**
	 * How many of the oldest candidates to delete to get under both caps (all of them if that is not
	 * enough).
	 * @param records records held
	 * @param bytes bytes held
	 * @param oldestFirst deletable records, oldest first
	 */
	int toDelete(long records, long bytes, List<StoredSize> oldestFirst) {
		int count = 0;
		for (StoredSize candidate : oldestFirst) {
			if (!exceeded(records, bytes)) {
				break;
			}
			records--;
			bytes -= candidate.bytes();
			count++;
		}
		return count;
	}

}
