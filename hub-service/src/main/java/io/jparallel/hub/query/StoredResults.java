package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.jparallel.hub.audit.TaskRecord;

/**
 * The state and stored replies of requests by msg id. A request has one record, or, for a broadcast, one
 * per engine ({@code msgId@engineId}; a record of the broadcast request itself beside them is passed over).
 * A request is pending while any of its records is (status {@code pending}, or none yet).
 */
@Component
public class StoredResults {

	/** Ids per database query. */
	static final int BATCH = 500;

	/** Status of a record whose reply has not come. */
	public static final String PENDING = "pending";

	private final EntityManager entityManager;

	private final TransactionTemplate reads;

	public StoredResults(EntityManager entityManager, PlatformTransactionManager transactionManager) {
		this.entityManager = entityManager;
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
	}

	/**
	 * One record's state.
	 *
	 * @param id its key
	 * @param msgId the request's id
	 * @param status {@code pending}, {@code ok} or {@code error}
	 * @param engineId the engine that answered (or was addressed), if known
	 * @param resultSize the stored reply's size, if known
	 */
	public record State(String id, String msgId, String status, Integer engineId, Long resultSize) {

		public boolean pending() {
			return this.status == null || PENDING.equals(this.status);
		}

	}

	/**
	 * Where requests stand.
	 *
	 * @param completed ids whose every record is finished
	 * @param pending ids with a record not finished
	 * @param unknown ids with no record
	 */
	public record Statuses(List<String> completed, List<String> pending, List<String> unknown) {
	}

	/** Where each of {@code msgIds} stands, in the order given (without repeats). */
	public Statuses statuses(List<String> msgIds) {
		Map<String, List<State>> states = states(msgIds);
		List<String> completed = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		states.forEach((msgId, records) -> {
			if (records.isEmpty()) {
				unknown.add(msgId);
			}
			else if (records.stream().anyMatch(State::pending)) {
				pending.add(msgId);
			}
			else {
				completed.add(msgId);
			}
		});
		return new Statuses(completed, pending, unknown);
	}

	/** The records of each of {@code msgIds} (empty: unknown), in the order given, each's by engine. */
	public Map<String, List<State>> states(List<String> msgIds) {
		Map<String, List<State>> byMsgId = new LinkedHashMap<>();
		for (String msgId : msgIds) {
			byMsgId.put(msgId, new ArrayList<>());
		}
		List<String> ids = List.copyOf(byMsgId.keySet());
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			for (Tuple row : select(root -> root.get("msgId").in(batch), "id", "msgId", "status", "engineId",
					"resultSize")) {
				State state = new State(row.get("id", String.class), row.get("msgId", String.class),
						row.get("status", String.class), integer(row.get("engineId")), longValue(row.get("resultSize")));
				byMsgId.get(state.msgId()).add(state);
			}
		}
		byMsgId.replaceAll((msgId, records) -> perEngine(msgId, records));
		return byMsgId;
	}

	/** A broadcast's engine records without the request's own record; sorted by engine. */
	private static List<State> perEngine(String msgId, List<State> records) {
		boolean broadcast = records.stream().anyMatch(state -> !state.id().equals(msgId));
		List<State> kept = new ArrayList<>(records.size());
		for (State state : records) {
			if (!broadcast || !state.id().equals(msgId)) {
				kept.add(state);
			}
		}
		kept.sort(Comparator.comparing(State::engineId, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(State::id));
		return kept;
	}

	/** The stored replies of the records with these ids, by id ({@code null} where none is stored). */
	public Map<String, byte[]> replyBytes(List<String> recordIds) {
		Map<String, byte[]> replies = new HashMap<>();
		for (int from = 0; from < recordIds.size(); from += BATCH) {
			List<String> batch = recordIds.subList(from, Math.min(recordIds.size(), from + BATCH));
			for (Tuple row : select(root -> root.get("id").in(batch), "id", "replyBytes")) {
				replies.put(row.get("id", String.class), (byte[]) row.get("replyBytes"));
			}
		}
		return replies;
	}

	/**
	 * The stored request of each of {@code msgIds} that has one: the request's own record, or for a
	 * broadcast any of its engines' records.
	 */
	public Map<String, byte[]> requestBytes(List<String> msgIds) {
		Map<String, byte[]> requests = new LinkedHashMap<>();
		List<String> ids = List.copyOf(new LinkedHashSet<>(msgIds));
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			for (Tuple row : select(root -> root.get("msgId").in(batch), "id", "msgId", "requestBytes")) {
				byte[] bytes = (byte[]) row.get("requestBytes");
				String msgId = row.get("msgId", String.class);
				if (bytes != null && (!requests.containsKey(msgId) || msgId.equals(row.get("id", String.class)))) {
					requests.put(msgId, bytes);
				}
			}
		}
		return requests;
	}

	private List<Tuple> select(Function<Root<TaskRecord>, jakarta.persistence.criteria.Predicate> where,
			String... properties) {
		return this.reads.execute(status -> {
			CriteriaBuilder cb = this.entityManager.getCriteriaBuilder();
			CriteriaQuery<Tuple> select = cb.createTupleQuery();
			Root<TaskRecord> root = select.from(TaskRecord.class);
			List<jakarta.persistence.criteria.Selection<?>> columns = new ArrayList<>(properties.length);
			for (String property : properties) {
				columns.add(root.get(property).alias(property));
			}
			select.multiselect(columns);
			select.where(where.apply(root));
			return this.entityManager.createQuery(select).getResultList();
		});
	}

	private static Integer integer(Object value) {
		return (value instanceof Number number) ? number.intValue() : null;
	}

	private static Long longValue(Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

}
