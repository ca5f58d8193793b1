package io.jparallel.hub.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.ChunkAssembler;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * Chunked messages being put back together ({@link ChunkAssembler}), and the deliveries that carried their
 * chunks. Those deliveries are held (not acknowledged) until the whole message is written, so a hub stopped
 * halfway through a large message gets all its chunks again. A message whose chunks stop coming is given
 * up after {@code maxAge}, and when more deliveries are held than the consumer may have unacknowledged, the
 * oldest message's are let go early (it is still put together, but a hub stopped before it completes loses
 * it); both are logged. Used by the one audit consumer thread.
 */
final class HeldChunks {

	private static final Log logger = LogFactory.getLog(HeldChunks.class);

	private final MessageCodec codec;

	private final Clock clock;

	private final Duration maxAge;

	private final int maxHeldDeliveries;

	private ChunkAssembler assembler;

	/** Incomplete messages by id, oldest first. */
	private final Map<String, Hold> holds = new LinkedHashMap<>();

	/** How many incomplete messages hold each delivery. */
	private final Map<Long, Integer> held = new HashMap<>();

	/** Deliveries no longer held since the last {@link #acknowledgeable}. */
	private final Set<Long> released = new LinkedHashSet<>();

	/**
	 * @param codec the cluster's codec, to decode whole messages
	 * @param clock the clock ages are measured with
	 * @param maxAge how long the chunks of one message may take to arrive
	 * @param maxHeldDeliveries most deliveries held at once
	 */
	HeldChunks(MessageCodec codec, Clock clock, Duration maxAge, int maxHeldDeliveries) {
		this.codec = codec;
		this.clock = clock;
		this.maxAge = maxAge;
		this.maxHeldDeliveries = maxHeldDeliveries;
		this.assembler = new ChunkAssembler(codec);
	}

	/**
	 * Takes one verified message from a delivery.
	 * @return what it completes: itself if it is not a chunk, the whole message if it was the last chunk,
	 * else nothing
	 */
	List<Accepted> offer(Accepted accepted, long deliveryTag) {
		if (!Chunks.isChunk(accepted.message())) {
			return List.of(accepted);
		}
		String id = String.valueOf(accepted.message().content(Chunks.CHUNK_OF));
		Hold hold = this.holds.computeIfAbsent(id, key -> new Hold(this.clock.instant()));
		if (hold.deliveries.add(deliveryTag)) {
			this.held.merge(deliveryTag, 1, Integer::sum);
		}
		hold.chunks++;
		List<Accepted> whole = this.assembler.offer(accepted);
		if (!whole.isEmpty()) {
			release(id);
		}
		return whole;
	}

	/**
	 * The deliveries that may be acknowledged once the messages taken so far are written: those of
	 * {@code deliveryTags} no incomplete message holds, and earlier ones held until now.
	 */
	TreeSet<Long> acknowledgeable(List<Long> deliveryTags) {
		giveUpOnOldMessages();
		letGoOfOldestWhileTooMany();
		TreeSet<Long> tags = new TreeSet<>(this.released);
		for (long tag : deliveryTags) {
			if (!this.held.containsKey(tag)) {
				tags.add(tag);
			}
		}
		this.released.clear();
		return tags;
	}

	/** The lowest delivery still held, or {@link Long#MAX_VALUE}. */
	long lowestHeld() {
		return this.held.keySet().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
	}

	/**
	 * Forgets everything: the deliveries not acknowledged will come again (their channel closed, or the
	 * hub gave them back).
	 */
	void reset(String reason) {
		if (!this.holds.isEmpty()) {
			logger.info("Starting over " + this.holds.size() + " incomplete chunked message(s) (" + reason
					+ "); their chunks are delivered again");
		}
		this.holds.clear();
		this.held.clear();
		this.released.clear();
		if (this.assembler.incomplete() > 0) {
			this.assembler = new ChunkAssembler(this.codec);
		}
	}

	/** Messages waiting for more chunks. */
	int incomplete() {
		return this.holds.size();
	}

	/** Deliveries held. */
	int heldDeliveries() {
		return this.held.size();
	}

	private void giveUpOnOldMessages() {
		Instant oldest = this.clock.instant().minus(this.maxAge);
		for (Iterator<Map.Entry<String, Hold>> it = this.holds.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Hold> entry = it.next();
			if (entry.getValue().since.isAfter(oldest)) {
				continue;
			}
			it.remove();
			releaseDeliveries(entry.getValue());
			logger.warn("Gave up on chunked message " + entry.getKey() + ": only " + entry.getValue().chunks
					+ " chunk(s) arrived in " + this.maxAge.toSeconds() + " s; it is not audited");
		}
		if (this.holds.isEmpty() && this.assembler.incomplete() > 0) {
			// only what was given up on is left in it
			this.assembler = new ChunkAssembler(this.codec);
		}
	}

	private void letGoOfOldestWhileTooMany() {
		while (this.held.size() > this.maxHeldDeliveries && !this.holds.isEmpty()) {
			Iterator<Map.Entry<String, Hold>> oldest = this.holds.entrySet().iterator();
			Map.Entry<String, Hold> entry = oldest.next();
			oldest.remove();
			releaseDeliveries(entry.getValue());
			logger.info("Acknowledged the " + entry.getValue().chunks + " chunk(s) so far of large message "
					+ entry.getKey() + " before it is complete: more deliveries are held than the audit may leave "
					+ "unacknowledged (" + this.maxHeldDeliveries + "); a hub stopped before its last chunk loses it");
		}
	}

	private void release(String id) {
		Hold hold = this.holds.remove(id);
		if (hold != null) {
			releaseDeliveries(hold);
		}
	}

	private void releaseDeliveries(Hold hold) {
		for (long tag : hold.deliveries) {
			Integer left = this.held.merge(tag, -1, Integer::sum);
			if (left != null && left <= 0) {
				this.held.remove(tag);
				this.released.add(tag);
			}
		}
	}

	/** One incomplete message. */
	private static final class Hold {

		final Instant since;

		final Set<Long> deliveries = new LinkedHashSet<>();

		int chunks;

		Hold(Instant since) {
			this.since = since;
		}

	}

}
