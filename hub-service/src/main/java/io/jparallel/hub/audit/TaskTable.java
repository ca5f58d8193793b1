package io.jparallel.hub.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit's writes to the {@code tasks} table, in JDBC batches: the audit never loads a record to change
 * it (that would read its stored bytes back), it inserts new ones whole and sets only the request's or the
 * reply's columns of stored ones. The columns are those {@link TaskRecord} maps; reading is JPA's.
 */
class TaskTable implements StoredTasks {

	/** Most ids in one {@code in (...)} list. */
	static final int LOOKUP_CHUNK = 500;

	/** The columns the request's header sets, on a reply too (from its parent header). */
	private static final List<Column> HEADER = List.of(Column.text("msg_type", TaskRecord::getMsgType),
			Column.text("header", TaskRecord::getHeader), Column.instant("submitted", TaskRecord::getSubmitted),
			Column.text("client_uuid", TaskRecord::getClientUuid), Column.text("username", TaskRecord::getUsername));

	/** The rest of the request's columns. */
	private static final List<Column> REQUEST = List.of(Column.text("queue", TaskRecord::getQueue),
			Column.text("metadata", TaskRecord::getMetadata), Column.text("content", TaskRecord::getContent),
			Column.bytes("request_bytes", TaskRecord::getRequestBytes),
			Column.number("request_size", TaskRecord::getRequestSize), Column.text("label", TaskRecord::getLabel),
			Column.text("execute_input", TaskRecord::getExecuteInput), Column.text("target", TaskRecord::getTarget));

	/** The reply's columns but the engine id. */
	private static final List<Column> REPLY = List.of(Column.text("engine_uuid", TaskRecord::getEngineUuid),
			Column.instant("started", TaskRecord::getStarted), Column.instant("completed", TaskRecord::getCompleted),
			Column.instant("received", TaskRecord::getReceived),
			Column.text("result_header", TaskRecord::getResultHeader),
			Column.text("result_metadata", TaskRecord::getResultMetadata),
			Column.text("result_content", TaskRecord::getResultContent),
			Column.bytes("reply_bytes", TaskRecord::getReplyBytes),
			Column.number("result_size", TaskRecord::getResultSize), Column.text("status", TaskRecord::getStatus),
			Column.text("ename", TaskRecord::getEname), Column.text("error", TaskRecord::getError),
			Column.text("stdout", TaskRecord::getStdout), Column.text("stderr", TaskRecord::getStderr),
			Column.text("execute_result", TaskRecord::getExecuteResult));

	private static final Column ENGINE_ID = Column.integer("engine_id", TaskRecord::getEngineId);

	private static final Column RESUBMITTED = Column.text("resubmitted", TaskRecord::getResubmitted);

	private static final List<Column> INSERTED = concat(List.of(Column.text("id", TaskRecord::getId),
			Column.text("msg_id", TaskRecord::getMsgId), Column.instant("recorded_at", TaskRecord::getRecordedAt),
			RESUBMITTED, ENGINE_ID), HEADER, REQUEST, REPLY);

	private static final String INSERT = "insert into tasks ("
			+ INSERTED.stream().map(Column::name).collect(Collectors.joining(", ")) + ") values ("
			+ INSERTED.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";

	/**
	 * A request never overrides the engine of a reply seen first, nor the original of a resubmission its
	 * record was made with.
	 */
	private static final List<Column> REQUEST_UPDATED = concat(HEADER, REQUEST, List.of(ENGINE_ID, RESUBMITTED));

	private static final String UPDATE_REQUEST = "update tasks set "
			+ concat(HEADER, REQUEST).stream().map(column -> column.name() + " = ?").collect(Collectors.joining(", "))
			+ ", engine_id = coalesce(engine_id, ?), resubmitted = coalesce(?, resubmitted) where id = ?";

	private static final List<Column> REPLY_UPDATED = concat(List.of(ENGINE_ID), REPLY);

	private static final String UPDATE_REPLY = "update tasks set engine_id = coalesce(?, engine_id), "
			+ REPLY.stream().map(column -> column.name() + " = ?").collect(Collectors.joining(", ")) + " where id = ?";

	private static final String DELETE = "delete from tasks where id = ?";

	private static final String FIND = "select id, request_size, result_size, queue, engine_id from tasks where id in ";

	private static final String FIND_REPLY = "select engine_id, engine_uuid, started, completed, received, result_header,"
			+ " result_metadata, result_content, reply_bytes, status, ename, error, stdout, stderr, execute_result"
			+ " from tasks where id = ? and result_size is not null";

	private final JdbcTemplate jdbc;

	private final int batchSize;

	TaskTable(JdbcTemplate jdbc, int batchSize) {
		this.jdbc = jdbc;
		this.batchSize = batchSize;
	}

	@Override
	public Map<String, StoredTask> find(Collection<String> ids) {
		Map<String, StoredTask> found = new HashMap<>();
		List<String> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
			String sql = FIND + "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
			this.jdbc.query(sql, (ResultSet row) -> {
				String id = row.getString(1);
				found.put(id, new StoredTask(id, row.getObject(2) != null, row.getObject(3) != null, row.getString(4),
						row.getObject(5, Integer.class)));
			}, chunk.toArray());
		}
		return found;
	}

	@Override
	public Optional<ReplyPart> reply(String id) {
		List<ReplyPart> replies = this.jdbc.query(FIND_REPLY,
				(row, index) -> new ReplyPart(null, null, row.getObject(1, Integer.class), row.getString(2),
						instant(row, 3), instant(row, 4), instant(row, 5), row.getString(6), row.getString(7),
						row.getString(8), row.getBytes(9), row.getString(10), row.getString(11), row.getString(12),
						row.getString(13), row.getString(14), row.getString(15)),
				id);
		return replies.stream().findFirst();
	}

	/** Carries out a plan: deletes, inserts, then updates. */
	void apply(AuditPlan plan) {
		if (!plan.deletes().isEmpty()) {
			this.jdbc.batchUpdate(DELETE, plan.deletes(), this.batchSize, (statement, id) -> statement.setString(1, id));
		}
		batch(INSERT, INSERTED, plan.inserts(), false);
		batch(UPDATE_REQUEST, REQUEST_UPDATED, plan.requestUpdates(), true);
		batch(UPDATE_REPLY, REPLY_UPDATED, plan.replyUpdates(), true);
	}

	private void batch(String sql, List<Column> columns, List<TaskRecord> records, boolean byId) {
		if (records.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(sql, records, this.batchSize, (statement, record) -> {
			int index = 1;
			for (Column column : columns) {
				column.bind(statement, index++, record);
			}
			if (byId) {
				statement.setString(index, record.getId());
			}
		});
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	@SafeVarargs
	private static List<Column> concat(List<Column>... lists) {
		List<Column> all = new ArrayList<>();
		for (List<Column> list : lists) {
			all.addAll(list);
		}
		return List.copyOf(all);
	}

	/** A column and how a record's value is bound to it. */
	private record Column(String name, int sqlType, Function<TaskRecord, Object> value) {

		static Column text(String name, Function<TaskRecord, String> value) {
			return new Column(name, Types.VARCHAR, value::apply);
		}

		static Column bytes(String name, Function<TaskRecord, byte[]> value) {
			return new Column(name, Types.VARBINARY, value::apply);
		}

		static Column number(String name, Function<TaskRecord, Long> value) {
			return new Column(name, Types.BIGINT, value::apply);
		}

		static Column integer(String name, Function<TaskRecord, Integer> value) {
			return new Column(name, Types.INTEGER, value::apply);
		}

		static Column instant(String name, Function<TaskRecord, Instant> value) {
			return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE, value::apply);
		}

		void bind(PreparedStatement statement, int index, TaskRecord record) throws SQLException {
			Object value = this.value.apply(record);
			if (value == null) {
				statement.setNull(index, this.sqlType);
			}
			else if (value instanceof Instant instant) {
				statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
			}
			else if (value instanceof byte[] bytes) {
				statement.setBytes(index, bytes);
			}
			else {
				statement.setObject(index, value, this.sqlType);
			}
		}

	}

}
