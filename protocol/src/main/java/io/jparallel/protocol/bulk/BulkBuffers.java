package io.jparallel.protocol.bulk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;

/**
 * Which buffers of a message travel over the bulk path. Such a buffer is replaced by a small placeholder
 * (a {@link ValueCodec} value that names the reference and cannot be decoded as a value), and content
 * {@value MetadataKeys#BULK} lists them, {@code index=reference} comma-separated, so the hub audits each
 * one's size (and digest, where known) instead of its bytes.
 */
public final class BulkBuffers {

	private BulkBuffers() {
	}

	/** The message's buffers that are references, by index; empty if none. */
	public static Map<Integer, BulkReference> references(Message message) {
		String listed = message.content(MetadataKeys.BULK);
		if (listed == null || listed.isBlank()) {
			return Map.of();
		}
		Map<Integer, BulkReference> references = new TreeMap<>();
		for (String entry : listed.split(",")) {
			int eq = entry.indexOf('=');
			if (eq < 1) {
				throw new IllegalArgumentException("Bad bulk entry '" + entry + "' (want index=reference)");
			}
			int index = Integer.parseInt(entry.substring(0, eq).strip());
			if (index < 0 || index >= message.buffers().size()) {
				throw new IllegalArgumentException("Bulk entry " + index + " names no buffer of the "
						+ message.buffers().size());
			}
			references.put(index, BulkReference.parse(entry.substring(eq + 1).strip()));
		}
		return references;
	}

	/** The message with the given buffers replaced by references to where they can be fetched. */
	public static Message withReferences(Message message, Map<Integer, BulkReference> references) {
		if (references.isEmpty()) {
			return message;
		}
		List<byte[]> buffers = new ArrayList<>(message.buffers());
		StringBuilder listed = new StringBuilder();
		for (Map.Entry<Integer, BulkReference> entry : new TreeMap<>(references).entrySet()) {
			buffers.set(entry.getKey(), ValueCodec.bulkPlaceholder(entry.getValue().toString()));
			listed.append((listed.length() > 0) ? "," : "").append(entry.getKey()).append('=').append(entry.getValue());
		}
		Map<String, String> content = new HashMap<>(message.content());
		content.put(MetadataKeys.BULK, listed.toString());
		return new Message(message.header(), message.parentHeader(), message.metadata(), content, buffers);
	}

	/**
	 * The message with the referenced buffers replaced by the bytes fetched for them, and content
	 * {@value MetadataKeys#BULK_RECEIVED} saying what arrived ({@code index=size:hmac}). A value that arrived
	 * decoded keeps a placeholder buffer (that cannot be decoded): its reader takes the value from what was fetched.
	 */
	public static Message resolved(Message message, Map<Integer, BulkStream.Received> fetched) {
		if (fetched.isEmpty()) {
			return message;
		}
		List<byte[]> buffers = new ArrayList<>(message.buffers());
		StringBuilder received = new StringBuilder();
		for (Map.Entry<Integer, BulkStream.Received> entry : new TreeMap<>(fetched).entrySet()) {
			BulkStream.Received value = entry.getValue();
			buffers.set(entry.getKey(), (value.bytes() != null) ? value.bytes()
					: ValueCodec.bulkPlaceholder("decoded as it arrived"));
			received.append((received.length() > 0) ? "," : "")
				.append(entry.getKey())
				.append('=')
				.append(value.size())
				.append(':')
				.append(java.util.HexFormat.of().formatHex(entry.getValue().hmac()));
		}
		Map<String, String> content = new HashMap<>(message.content());
		content.put(MetadataKeys.BULK_RECEIVED, received.toString());
		return new Message(message.header(), message.parentHeader(), message.metadata(), content, buffers);
	}

	/** The text of a placeholder buffer, or {@code null} if the buffer is not one. */
	public static String placeholderText(byte[] buffer) {
		return ValueCodec.isBulkPlaceholder(buffer)
				? new String(buffer, 1, buffer.length - 1, StandardCharsets.UTF_8) : null;
	}

}
