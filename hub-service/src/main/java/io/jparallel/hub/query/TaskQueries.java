package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.jparallel.hub.audit.TaskRecord;
import io.jparallel.hub.query.TaskFields.Field;

/**
 * Reads task records for queries: only the columns asked for (never the raw bytes), in submission order,
 * at most {@link #MAX_RECORDS} and about {@link #MAX_JSON_BYTES} of JSON per answer.
 */
@Component
public class TaskQueries {

	/** Most records one query returns. */
	public static final int MAX_RECORDS = 10_000;

	/** About the most JSON one query returns, so the reply stays well under a broker's message size limit. */
	public static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

	private final EntityManager entityManager;

	private final TransactionTemplate reads;

	public TaskQueries(EntityManager entityManager, PlatformTransactionManager transactionManager) {
		this.entityManager = entityManager;
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
	}

	/** The records matching a JSON query, with the fields {@code keys} names (comma-separated; blank: all). */
	public QueryResult find(String query, String keys) {
		return find(QueryParser.parse(query), QueryParser.keys(keys), MAX_RECORDS);
	}

	/** The records meeting every condition, with these fields, at most {@code limit} (and {@link #MAX_RECORDS}). */
	public QueryResult find(List<Condition> conditions, List<Field> fields, int limit) {
		int max = Math.min(Math.max(limit, 0), MAX_RECORDS);
		List<Tuple> rows = this.reads.execute(status -> {
			CriteriaBuilder cb = this.entityManager.getCriteriaBuilder();
			CriteriaQuery<Tuple> select = cb.createTupleQuery();
			Root<TaskRecord> root = select.from(TaskRecord.class);
			select.multiselect(columns(root, fields));
			select.where(TaskSpecifications.predicate(conditions).toPredicate(root, cb));
			select.orderBy(cb.asc(root.get("submitted")), cb.asc(root.get("id")));
			return this.entityManager.createQuery(select).setMaxResults(max + 1).getResultList();
		});
		List<Map<String, Object>> records = new ArrayList<>(Math.min(rows.size(), max));
		long bytes = 0;
		for (Tuple row : rows) {
			if (records.size() == max) {
				return new QueryResult(records, true);
			}
			Map<String, Object> record = RecordJson.of(row, fields);
			bytes += RecordJson.jsonSize(record);
			if (bytes > MAX_JSON_BYTES && !records.isEmpty()) {
				return new QueryResult(records, true);
			}
			records.add(record);
		}
		return new QueryResult(records, false);
	}

	/** One record with every returnable field, by its id ({@code msgId}, or {@code msgId@engineId}). */
	public Optional<Map<String, Object>> record(String id) {
		List<Map<String, Object>> found = find(
				List.of(new Condition(TaskFields.of("id"), Operator.EQ, id)), TaskFields.returnable(), 1).records();
		return found.stream().findFirst();
	}

	/** The records of one request: its own, or each engine's for a broadcast; submission order. */
	public List<Map<String, Object>> records(String msgId) {
		return find(List.of(new Condition(TaskFields.of("msgId"), Operator.EQ, msgId)), TaskFields.returnable(),
				MAX_RECORDS).records();
	}

	/** The most recently recorded records, newest first, with every returnable field. */
	public List<Map<String, Object>> recent(int limit) {
		List<Field> fields = TaskFields.returnable();
		List<Tuple> rows = this.reads.execute(status -> {
			CriteriaBuilder cb = this.entityManager.getCriteriaBuilder();
			CriteriaQuery<Tuple> select = cb.createTupleQuery();
			Root<TaskRecord> root = select.from(TaskRecord.class);
			select.multiselect(columns(root, fields));
			select.orderBy(cb.desc(root.get("recordedAt")), cb.asc(root.get("id")));
			return this.entityManager.createQuery(select).setMaxResults(Math.min(limit, MAX_RECORDS)).getResultList();
		});
		return rows.stream().map(row -> RecordJson.of(row, fields)).toList();
	}

	private static List<Selection<?>> columns(Root<TaskRecord> root, List<Field> fields) {
		List<Selection<?>> columns = new ArrayList<>(fields.size());
		for (Field field : fields) {
			columns.add(root.get(field.property()).alias(field.property()));
		}
		return columns;
	}

	/** Every recorded request's msg id, in submission order (a broadcast's once). */
	public List<String> history() {
		List<String> ids = this.reads.execute(status -> {
			CriteriaBuilder cb = this.entityManager.getCriteriaBuilder();
			CriteriaQuery<String> select = cb.createQuery(String.class);
			Root<TaskRecord> root = select.from(TaskRecord.class);
			select.select(root.get("msgId"));
			select.orderBy(cb.asc(root.get("submitted")), cb.asc(root.get("id")));
			return this.entityManager.createQuery(select).getResultList();
		});
		Set<String> distinct = new LinkedHashSet<>(ids);
		return List.copyOf(distinct);
	}

}
