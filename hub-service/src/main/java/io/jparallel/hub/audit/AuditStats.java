package io.jparallel.hub.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit's figures, for {@code /actuator/jparallel}.
 *
 * @param records task records held
 * @param pending records of requests not answered yet
 * @param bytes bytes of signed requests and replies held
 * @param maxRecords the records cap
 * @param maxBytes the bytes cap
 * @param culledRecords records retention deleted since the hub started
 * @param culledBytes bytes retention deleted since the hub started
 * @param messagesRecorded requests and replies written since the hub started
 * @param messagesSkipped other messages seen (no record)
 * @param messagesDropped messages the database refused, not audited
 * @param deliveriesRequeued deliveries given back to the queue while the database could not be written
 * @param batchesWritten transactions written
 * @param incompleteChunkedMessages chunked messages waiting for more chunks
 */
public record AuditStats(long records, long pending, long bytes, long maxRecords, long maxBytes, long culledRecords,
		long culledBytes, long messagesRecorded, long messagesSkipped, long messagesDropped, long deliveriesRequeued,
		long batchesWritten, int incompleteChunkedMessages) {

	/** The figures by name, in this order. */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("records", this.records);
		map.put("pending", this.pending);
		map.put("bytes", this.bytes);
		map.put("maxRecords", this.maxRecords);
		map.put("maxBytes", this.maxBytes);
		map.put("culledRecords", this.culledRecords);
		map.put("culledBytes", this.culledBytes);
		map.put("messagesRecorded", this.messagesRecorded);
		map.put("messagesSkipped", this.messagesSkipped);
		map.put("messagesDropped", this.messagesDropped);
		map.put("deliveriesRequeued", this.deliveriesRequeued);
		map.put("batchesWritten", this.batchesWritten);
		map.put("incompleteChunkedMessages", this.incompleteChunkedMessages);
		return map;
	}

}
