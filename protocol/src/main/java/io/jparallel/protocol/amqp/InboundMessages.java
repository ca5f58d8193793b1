package io.jparallel.protocol.amqp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.wire.Batch;
import io.jparallel.protocol.wire.InvalidMessageException;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * The gate every received message passes: decodes and verifies it, and rejects what is malformed,
 * unsigned, badly signed, oversized or (where asked) replayed. Rejections are logged and counted; the
 * caller just skips them and goes on serving.
 */
public final class InboundMessages {

	private static final Log logger = LogFactory.getLog(InboundMessages.class);

	private static final int REPLAY_WINDOW = 100_000;

	private final MessageCodec codec;

	private final boolean rejectReplays;

	private final Map<Reason, AtomicLong> rejected = new EnumMap<>(Reason.class);

	private final AtomicLong accepted = new AtomicLong();

	private final Map<String, Boolean> recentIds = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REPLAY_WINDOW;
		}
	});

	public InboundMessages(MessageCodec codec, boolean rejectReplays) {
		this.codec = codec;
		this.rejectReplays = rejectReplays;
		for (Reason reason : Reason.values()) {
			this.rejected.put(reason, new AtomicLong());
		}
	}

	/**
	 * The message in {@code body}, or {@code null} if it was rejected.
	 * @param body the received bytes
	 * @param source where it came from (a queue name), for the log
	 */
	public Message accept(byte[] body, String source) {
		try {
			Message message = this.codec.decode(body);
			if (this.rejectReplays && this.recentIds.put(message.header().msgId(), Boolean.TRUE) != null) {
				throw new InvalidMessageException(Reason.REPLAYED,
						"message " + message.header().msgId() + " was already received");
			}
			this.accepted.incrementAndGet();
			return message;
		}
		catch (InvalidMessageException ex) {
			long count = this.rejected.get(ex.reason()).incrementAndGet();
			logger.warn("Rejected a message from " + source + " (" + ((body != null) ? body.length : 0)
					+ " bytes): " + ex.getMessage() + "; " + count + " rejected for " + ex.reason() + " so far");
			return null;
		}
	}

	/**
	 * Counts and logs input rejected after the message itself was accepted: a value that arrived over the bulk
	 * path oversized, truncated, unsigned or with a wrong digest.
	 */
	public void reject(Reason reason, String source, String detail) {
		long count = this.rejected.get(reason).incrementAndGet();
		logger.warn("Rejected input from " + source + ": " + detail + "; " + count + " rejected for " + reason
				+ " so far");
	}

	/**
	 * Every acceptable message in {@code body}, which holds one message or a {@link Batch} of them;
	 * rejected ones (and a malformed batch) are counted and left out.
	 */
	public List<Accepted> acceptAll(byte[] body, String source) {
		if (!Batch.isBatch(body)) {
			Message message = accept(body, source);
			return (message != null) ? List.of(new Accepted(message, body)) : List.of();
		}
		List<byte[]> parts;
		try {
			parts = Batch.unpack(body);
		}
		catch (InvalidMessageException ex) {
			long count = this.rejected.get(ex.reason()).incrementAndGet();
			logger.warn("Rejected a batch from " + source + " (" + body.length + " bytes): " + ex.getMessage() + "; "
					+ count + " rejected for " + ex.reason() + " so far");
			return List.of();
		}
		List<Accepted> accepted = new ArrayList<>(parts.size());
		for (byte[] part : parts) {
			Message message = accept(part, source);
			if (message != null) {
				accepted.add(new Accepted(message, part));
			}
		}
		return accepted;
	}

	/** How many messages were rejected, by reason. */
	public Map<String, Long> rejectedCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.rejected.forEach((reason, count) -> counts.put(reason.name().toLowerCase(), count.get()));
		return counts;
	}

	public long rejectedTotal() {
		return this.rejected.values().stream().mapToLong(AtomicLong::get).sum();
	}

	public long acceptedTotal() {
		return this.accepted.get();
	}

	public MessageCodec codec() {
		return this.codec;
	}

}
