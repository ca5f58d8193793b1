package io.jparallel.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One protocol message: a header, the header of the message it answers, metadata, content and binary
 * buffers. Content and metadata are string maps so the hub can audit any message without knowing its
 * classes; values (functions, arguments, results) travel as buffers encoded by
 * {@link io.jparallel.protocol.value.ValueCodec}.
 *
 * @param header this message's header
 * @param parentHeader the header of the request this message answers, or {@code null}
 * @param metadata routing and timing facts (see {@link MetadataKeys})
 * @param content the message's own fields
 * @param buffers binary parts
 */
public record Message(Header header, Header parentHeader, Map<String, String> metadata, Map<String, String> content,
		List<byte[]> buffers) {

	public Message {
		Objects.requireNonNull(header, "header is required");
		metadata = Map.copyOf(metadata);
		content = Map.copyOf(content);
		buffers = List.copyOf(buffers);
	}

	/** A request with no parent. */
	public static Message request(Header header, Map<String, String> metadata, Map<String, String> content,
			List<byte[]> buffers) {
		return new Message(header, null, metadata, content, buffers);
	}

	/** The message type, from the header. */
	public String msgType() {
		return this.header.msgType();
	}

	/** A content field, or {@code null}. */
	public String content(String key) {
		return this.content.get(key);
	}

	/** A metadata field, or {@code null}. */
	public String metadata(String key) {
		return this.metadata.get(key);
	}

	/** Total size of the binary buffers. */
	public long bufferBytes() {
		long total = 0;
		for (byte[] buffer : this.buffers) {
			total += buffer.length;
		}
		return total;
	}

}
