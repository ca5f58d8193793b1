package io.jparallel.protocol.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * Splits a message too large to travel whole into {@code chunk} messages of at most
 * {@link #CHUNK_BYTES}, each signed and carrying the original's routing metadata, so the scheduler
 * pass chunks on without holding the whole message, and the broker's message size limit (16 MiB by
 * default in RabbitMQ 4) is never reached. The first chunk uses the original routing key, the others add
 * {@link #ROUTING_SUFFIX} (the hub's audit binds both, {@code #}). {@link ChunkAssembler} puts them back
 * together.
 */
public final class Chunks {

	/** Largest message sent whole, and the size of a chunk's slice. */
	public static final int CHUNK_BYTES = 1024 * 1024;

	/** Added to the routing key of every chunk after the first. */
	public static final String ROUTING_SUFFIX = ".chunk";

	/** Content keys of a chunk. */
	public static final String CHUNK_OF = "chunk_of";

	public static final String CHUNK_TYPE = "chunk_type";

	public static final String CHUNK_INDEX = "chunk_index";

	public static final String CHUNK_COUNT = "chunk_count";

	/**
	 * One AMQP message to publish.
	 *
	 * @param routingKey where it goes
	 * @param encoded its signed bytes
	 */
	public record Part(String routingKey, byte[] encoded) {
	}

	private Chunks() {
	}

	/** The message as it travels: itself, or its chunks. */
	public static List<Part> encode(MessageCodec codec, Message message, String routingKey) {
		byte[] encoded = codec.encode(message);
		if (encoded.length <= CHUNK_BYTES) {
			return List.of(new Part(routingKey, encoded));
		}
		int count = (encoded.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
		List<Part> parts = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			Map<String, String> content = new HashMap<>(8);
			content.put(CHUNK_OF, message.header().msgId());
			content.put(CHUNK_TYPE, message.msgType());
			content.put(CHUNK_INDEX, String.valueOf(index));
			content.put(CHUNK_COUNT, String.valueOf(count));
			int from = index * CHUNK_BYTES;
			int length = Math.min(encoded.length, from + CHUNK_BYTES) - from;
			Header header = Header.create(MessageType.CHUNK, message.header().session(), message.header().username());
			Message chunk = new Message(header, message.parentHeader(), message.metadata(), content, List.of());
			parts.add(new Part((index == 0) ? routingKey : routingKey + ROUTING_SUFFIX,
					codec.encodeWithBuffer(chunk, encoded, from, length)));
		}
		return parts;
	}

	public static boolean isChunk(Message message) {
		return MessageType.CHUNK.equals(message.msgType());
	}

}
