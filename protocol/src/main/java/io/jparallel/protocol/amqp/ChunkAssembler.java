package io.jparallel.protocol.amqp;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.wire.InvalidMessageException;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * Puts chunked messages back together: chunks are held until the last arrives, then the original
 * is decoded. Every chunk was verified on arrival and names its message, index and count, so the
 * reassembled bytes are authentic without a second pass of HMAC over them. Incomplete messages are dropped after
 * {@link #MAX_AGE_NANOS} or when more than {@link #MAX_PENDING_BYTES} are held, and logged.
 */
public final class ChunkAssembler {

	private static final Log logger = LogFactory.getLog(ChunkAssembler.class);

	static final long MAX_AGE_NANOS = 120_000_000_000L;

	static final long MAX_PENDING_BYTES = 2L * 1024 * 1024 * 1024;

	private final MessageCodec codec;

	private final Map<String, Pending> pending = new LinkedHashMap<>();

	private long pendingBytes;

	public ChunkAssembler(MessageCodec codec) {
		this.codec = codec;
	}

	/**
	 * What the accepted message completes: itself if it is not a chunk, nothing while chunks are
	 * missing, the original message when this was the last one.
	 */
	public synchronized List<Accepted> offer(Accepted accepted) {
		Message message = accepted.message();
		if (!Chunks.isChunk(message)) {
			return List.of(accepted);
		}
		expire();
		String id = message.content(Chunks.CHUNK_OF);
		int index;
		int count;
		try {
			index = Integer.parseInt(message.content(Chunks.CHUNK_INDEX));
			count = Integer.parseInt(message.content(Chunks.CHUNK_COUNT));
		}
		catch (RuntimeException ex) {
			logger.warn("Dropped a chunk without a valid index and count: " + message.content());
			return List.of();
		}
		if (id == null || count < 1 || index < 0 || index >= count || message.buffers().size() != 1) {
			logger.warn("Dropped a malformed chunk of " + id);
			return List.of();
		}
		Pending parts = this.pending.computeIfAbsent(id, key -> new Pending(count, System.nanoTime()));
		if (parts.slices.length != count || parts.slices[index] != null) {
			logger.warn("Dropped an inconsistent or repeated chunk " + index + " of " + id);
			return List.of();
		}
		byte[] slice = message.buffers().get(0);
		parts.slices[index] = slice;
		parts.received++;
		parts.bytes += slice.length;
		this.pendingBytes += slice.length;
		if (this.pendingBytes > MAX_PENDING_BYTES) {
			drop(id, parts, "more than " + MAX_PENDING_BYTES + " bytes of chunks are waiting");
			return List.of();
		}
		if (parts.received < count) {
			return List.of();
		}
		this.pending.remove(id);
		this.pendingBytes -= parts.bytes;
		byte[] whole = new byte[(int) parts.bytes];
		int pos = 0;
		for (byte[] part : parts.slices) {
			System.arraycopy(part, 0, whole, pos, part.length);
			pos += part.length;
		}
		try {
			return List.of(new Accepted(this.codec.decodeVerified(whole), whole));
		}
		catch (InvalidMessageException ex) {
			logger.warn("Dropped reassembled message " + id + ": " + ex.getMessage());
			return List.of();
		}
	}

	private void expire() {
		long now = System.nanoTime();
		for (Iterator<Map.Entry<String, Pending>> it = this.pending.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Pending> entry = it.next();
			if (now - entry.getValue().started > MAX_AGE_NANOS) {
				it.remove();
				this.pendingBytes -= entry.getValue().bytes;
				logger.warn("Dropped incomplete message " + entry.getKey() + ": " + entry.getValue().received + " of "
						+ entry.getValue().slices.length + " chunks arrived in " + MAX_AGE_NANOS / 1_000_000_000L + " s");
			}
		}
	}

	private void drop(String id, Pending parts, String reason) {
		this.pending.remove(id);
		this.pendingBytes -= parts.bytes;
		logger.warn("Dropped incomplete message " + id + ": " + reason);
	}

	public synchronized int incomplete() {
		return this.pending.size();
	}

	private static final class Pending {

		final byte[][] slices;

		final long started;

		int received;

		long bytes;

		Pending(int count, long started) {
			this.slices = new byte[count][];
			this.started = started;
		}

	}


}
