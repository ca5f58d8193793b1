package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jparallel.protocol.Message;

/**
 * Works out what a batch of messages does to the task records, in memory: a request and its reply in the
 * same batch make one insert, and the records a batch touches are looked up in one query, never one by one.
 * <p>
 * Where a message goes:
 * <ul>
 * <li>a request: its record {@code msgId}; a broadcast (route {@code broadcast}, engine ids in
 * {@code targets}): one record per engine, {@code msgId@engineId};</li>
 * <li>a reply from engine {@code e}: {@code msgId@e} if that record exists, else {@code msgId}, unless that
 * record holds another engine's reply and no request (replies of a broadcast seen before it), then
 * {@code msgId@e};</li>
 * <li>a broadcast request that finds a record {@code msgId} holding only a reply (seen before it) moves that
 * reply to {@code msgId@e}.</li>
 * </ul>
 * Messages applied twice (redelivered after a hub stopped between writing and acknowledging) change
 * nothing.
 */
final class AuditPlanner {

	/**
	 * @param batch the messages, in the order they came
	 * @param stored the records already stored
	 * @param now when the hub records them
	 */
	AuditPlan plan(List<AuditedMessage> batch, StoredTasks stored, Instant now) {
		List<Object> parts = new ArrayList<>(batch.size());
		Set<String> candidates = new LinkedHashSet<>();
		int skipped = 0;
		for (AuditedMessage audited : batch) {
			Message message = audited.message();
			if (TaskParts.isRequest(message)) {
				RequestPart request = TaskParts.request(message, audited.encoded());
				parts.add(request);
				candidates.add(request.msgId());
				if (request.isBroadcast()) {
					request.engines().forEach(engine -> candidates.add(TaskRecord.idOf(request.msgId(), engine)));
				}
			}
			else if (TaskParts.isReply(message)) {
				ReplyPart reply = TaskParts.reply(message, audited.encoded(), now);
				parts.add(reply);
				candidates.add(reply.requestId());
				if (reply.engineId() != null) {
					candidates.add(TaskRecord.idOf(reply.requestId(), reply.engineId()));
				}
			}
			else {
				skipped++;
			}
		}
		Batch work = new Batch(candidates.isEmpty() ? Map.of() : stored.find(candidates), stored, now);
		for (Object part : parts) {
			if (part instanceof RequestPart request) {
				work.request(request);
			}
			else {
				work.reply((ReplyPart) part);
			}
		}
		return work.plan(skipped);
	}

	/** The records one batch touches. */
	private static final class Batch {

		private final Map<String, StoredTask> stored;

		private final StoredTasks lookup;

		private final Instant now;

		private final Map<String, Slot> slots = new LinkedHashMap<>();

		private final Set<String> deleted = new LinkedHashSet<>();

		Batch(Map<String, StoredTask> stored, StoredTasks lookup, Instant now) {
			this.stored = stored;
			this.lookup = lookup;
			this.now = now;
		}

		void request(RequestPart request) {
			String msgId = request.msgId();
			if (!request.isBroadcast()) {
				slot(msgId, msgId).takeRequest(request, request.engine());
				return;
			}
			Slot single = existing(msgId);
			if (single != null && !single.hasRequest && single.hasReply && single.replyEngine != null) {
				ReplyPart moved = (single.lastReply != null) ? single.lastReply
						: this.lookup.reply(msgId).orElse(null);
				remove(single);
				if (moved != null) {
					slot(TaskRecord.idOf(msgId, single.replyEngine), msgId).takeReply(moved);
				}
			}
			for (int engine : request.engines()) {
				slot(TaskRecord.idOf(msgId, engine), msgId).takeRequest(request, engine);
			}
		}

		void reply(ReplyPart reply) {
			String msgId = reply.requestId();
			Integer engine = reply.engineId();
			String id = msgId;
			if (engine != null) {
				String perEngine = TaskRecord.idOf(msgId, engine);
				Slot single = existing(msgId);
				if (existing(perEngine) != null || (single != null && single.answeredByAnotherEngine(engine))) {
					id = perEngine;
				}
			}
			slot(id, msgId).takeReply(reply);
		}

		/** The record with this id, in this batch or stored, or {@code null}. */
		private Slot existing(String id) {
			Slot slot = this.slots.get(id);
			if (slot != null) {
				return slot;
			}
			StoredTask task = this.stored.get(id);
			return (task != null && !this.deleted.contains(id)) ? slot(id, null) : null;
		}

		private Slot slot(String id, String msgId) {
			return this.slots.computeIfAbsent(id, key -> {
				StoredTask task = this.stored.get(key);
				if (task != null && !this.deleted.contains(key)) {
					return Slot.stored(task, TaskRecord.create(key, msgIdOf(key, msgId), this.now));
				}
				return Slot.fresh(TaskRecord.create(key, msgIdOf(key, msgId), this.now));
			});
		}

		private static String msgIdOf(String id, String msgId) {
			if (msgId != null) {
				return msgId;
			}
			int at = id.lastIndexOf(TaskRecord.ENGINE_SEPARATOR);
			return (at > 0) ? id.substring(0, at) : id;
		}

		private void remove(Slot slot) {
			this.slots.remove(slot.record.getId());
			if (slot.stored) {
				this.deleted.add(slot.record.getId());
			}
		}

		AuditPlan plan(int skipped) {
			List<TaskRecord> inserts = new ArrayList<>();
			List<TaskRecord> requestUpdates = new ArrayList<>();
			List<TaskRecord> replyUpdates = new ArrayList<>();
			for (Slot slot : this.slots.values()) {
				if (!slot.stored) {
					inserts.add(slot.record);
					continue;
				}
				if (slot.requestTaken) {
					requestUpdates.add(slot.record);
				}
				if (slot.replyTaken) {
					replyUpdates.add(slot.record);
				}
			}
			return new AuditPlan(List.copyOf(this.deleted), inserts, requestUpdates, replyUpdates, skipped);
		}

	}

	/** A record of the batch: new, or stored and changed by it. */
	private static final class Slot {

		final TaskRecord record;

		final boolean stored;

		boolean hasRequest;

		boolean hasReply;

		Integer replyEngine;

		boolean requestTaken;

		boolean replyTaken;

		ReplyPart lastReply;

		private Slot(TaskRecord record, boolean stored) {
			this.record = record;
			this.stored = stored;
		}

		static Slot fresh(TaskRecord record) {
			return new Slot(record, false);
		}

		static Slot stored(StoredTask task, TaskRecord changes) {
			Slot slot = new Slot(changes, true);
			slot.hasRequest = task.hasRequest();
			slot.hasReply = task.hasReply();
			slot.replyEngine = task.hasReply() ? task.engineId() : null;
			return slot;
		}

		void takeRequest(RequestPart request, Integer engine) {
			this.record.takeRequest(request, engine);
			this.hasRequest = true;
			this.requestTaken = true;
		}

		void takeReply(ReplyPart reply) {
			this.record.takeReply(reply);
			this.hasReply = true;
			this.replyTaken = true;
			this.replyEngine = reply.engineId();
			this.lastReply = reply;
		}

		/** Holds only a reply, from an engine other than this one: a broadcast's, seen before its request. */
		boolean answeredByAnotherEngine(int engine) {
			return !this.hasRequest && this.hasReply && this.replyEngine != null && this.replyEngine != engine;
		}

	}

}
