package io.jparallel.hub.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One request and, once it came, its reply: ipyparallel's task record. Its id is the request's msg id, or
 * {@code msgId@engineId} for each engine of a broadcast (one request, one reply per engine). Either part
 * may be seen first: a reply whose request was not seen yet still tells the request's type, session, user
 * and date from its parent header. Header, metadata and content are JSON text; the signed messages are
 * kept as they travelled (chunks put back together), so a request can be sent again.
 * <p>
 * The audit writes these rows itself, in JDBC batches ({@link TaskTable}); this mapping is what everything
 * else reads (and the schema the migrations create, validated at start). Property names are the query
 * contract.
 */
@Entity
@Table(name = "tasks")
public class TaskRecord implements Persistable<String> {

	/** The status of a request not answered yet. */
	public static final String PENDING = "pending";

	/** Separates the request's msg id from the engine id in the id of a broadcast's record. */
	public static final String ENGINE_SEPARATOR = "@";

	@Id
	@Column(name = "id", length = 300)
	private String id;

	@Column(name = "msg_id", nullable = false, length = 255)
	private String msgId;

	@Column(name = "msg_type", length = 64)
	private String msgType;

	@Column(name = "queue", length = 16)
	private String queue;

	@Column(name = "header")
	private String header;

	@Column(name = "metadata")
	private String metadata;

	@Column(name = "content")
	private String content;

	@Column(name = "request_bytes")
	private byte[] requestBytes;

	@Column(name = "request_size")
	private Long requestSize;

	@Column(name = "submitted")
	private Instant submitted;

	@Column(name = "client_uuid", length = 255)
	private String clientUuid;

	@Column(name = "username", length = 255)
	private String username;

	@Column(name = "label")
	private String label;

	@Column(name = "execute_input")
	private String executeInput;

	@Column(name = "target")
	private String target;

	@Column(name = "engine_id")
	private Integer engineId;

	@Column(name = "engine_uuid", length = 255)
	private String engineUuid;

	@Column(name = "started")
	private Instant started;

	@Column(name = "completed")
	private Instant completed;

	@Column(name = "received")
	private Instant received;

	@Column(name = "resubmitted", length = 300)
	private String resubmitted;

	@Column(name = "result_header")
	private String resultHeader;

	@Column(name = "result_metadata")
	private String resultMetadata;

	@Column(name = "result_content")
	private String resultContent;

	@Column(name = "reply_bytes")
	private byte[] replyBytes;

	@Column(name = "result_size")
	private Long resultSize;

	@Column(name = "status", nullable = false, length = 16)
	private String status;

	@Column(name = "ename")
	private String ename;

	@Column(name = "error")
	private String error;

	@Column(name = "stdout")
	private String stdout;

	@Column(name = "stderr")
	private String stderr;

	@Column(name = "execute_result")
	private String executeResult;

	@Column(name = "recorded_at", nullable = false)
	private Instant recordedAt;

	@Transient
	private boolean isNew;

	protected TaskRecord() {
	}

	private TaskRecord(String id, String msgId, Instant recordedAt) {
		this.id = id;
		this.msgId = msgId;
		this.recordedAt = recordedAt;
		this.status = PENDING;
		this.isNew = true;
	}

	/**
	 * A new, empty record.
	 * @param id the record's id: {@code msgId}, or {@link #idOf(String, int)} for one engine of a broadcast
	 * @param msgId the request's msg id
	 * @param recordedAt when the audit first saw the task
	 */
	public static TaskRecord create(String id, String msgId, Instant recordedAt) {
		if (id == null || id.isEmpty() || msgId == null || msgId.isEmpty()) {
			throw new IllegalArgumentException("A task record needs the request's msg id");
		}
		return new TaskRecord(id, msgId, recordedAt);
	}

	/**
	 * A pending record of a request sent again under a new id, made before the audit sees it: the audit
	 * fills it in when the new request comes by, keeping {@code resubmitted}.
	 * @param id the new record's id
	 * @param msgId the new request's msg id
	 * @param original the msg id of the request sent again
	 * @param recordedAt now
	 */
	public static TaskRecord resubmission(String id, String msgId, String original, Instant recordedAt) {
		TaskRecord record = create(id, msgId, recordedAt);
		record.resubmitted = original;
		return record;
	}

	/** The id of the record of one engine's part of a broadcast: {@code msgId@engineId}. */
	public static String idOf(String msgId, int engineId) {
		return msgId + ENGINE_SEPARATOR + engineId;
	}

	/** Marks this record as made by sending {@code original} again. */
	public void markResubmitted(String original) {
		this.resubmitted = original;
	}

	/**
	 * Takes what the request tells.
	 * @param request the request
	 * @param engine the engine it is for, if one is known before it runs (a broadcast's or a direct request's
	 * target); a reply's engine id wins
	 */
	void takeRequest(RequestPart request, Integer engine) {
		takeHeader(request.header());
		this.queue = request.queue();
		this.metadata = request.metadata();
		this.content = request.content();
		this.requestBytes = request.bytes();
		this.requestSize = (long) request.bytes().length;
		this.label = request.label();
		this.executeInput = request.executeInput();
		this.target = request.target();
		if (request.resubmitted() != null) {
			this.resubmitted = request.resubmitted();
		}
		if (this.engineId == null) {
			this.engineId = engine;
		}
	}

	/** Takes what the reply tells: the engine that ran the request, when, and how it went. */
	void takeReply(ReplyPart reply) {
		if (this.header == null && reply.requestHeader() != null) {
			takeHeader(reply.requestHeader());
		}
		if (reply.engineId() != null) {
			this.engineId = reply.engineId();
		}
		this.engineUuid = reply.engineUuid();
		this.started = reply.started();
		this.completed = reply.completed();
		this.received = reply.received();
		this.resultHeader = reply.header();
		this.resultMetadata = reply.metadata();
		this.resultContent = reply.content();
		this.replyBytes = reply.bytes();
		this.resultSize = (long) reply.bytes().length;
		this.status = reply.status();
		this.ename = reply.ename();
		this.error = reply.error();
		this.stdout = reply.stdout();
		this.stderr = reply.stderr();
		this.executeResult = reply.executeResult();
	}

	private void takeHeader(RequestHeader header) {
		this.msgType = header.msgType();
		this.header = header.json();
		this.submitted = header.date();
		this.clientUuid = header.session();
		this.username = header.username();
	}

	/** Whether the request was seen. */
	public boolean hasRequest() {
		return this.requestSize != null;
	}

	/** Whether the reply was seen. */
	public boolean hasReply() {
		return this.resultSize != null;
	}

	/** Whether the request is answered (its status is no longer {@value #PENDING}). */
	public boolean isAnswered() {
		return !PENDING.equals(this.status);
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		this.isNew = false;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@Override
	public String getId() {
		return this.id;
	}

	public String getMsgId() {
		return this.msgId;
	}

	public String getMsgType() {
		return this.msgType;
	}

	public String getQueue() {
		return this.queue;
	}

	public String getHeader() {
		return this.header;
	}

	public String getMetadata() {
		return this.metadata;
	}

	public String getContent() {
		return this.content;
	}

	public byte[] getRequestBytes() {
		return this.requestBytes;
	}

	public Long getRequestSize() {
		return this.requestSize;
	}

	public Instant getSubmitted() {
		return this.submitted;
	}

	public String getClientUuid() {
		return this.clientUuid;
	}

	public String getUsername() {
		return this.username;
	}

	public String getLabel() {
		return this.label;
	}

	public String getExecuteInput() {
		return this.executeInput;
	}

	public String getTarget() {
		return this.target;
	}

	public Integer getEngineId() {
		return this.engineId;
	}

	public String getEngineUuid() {
		return this.engineUuid;
	}

	public Instant getStarted() {
		return this.started;
	}

	public Instant getCompleted() {
		return this.completed;
	}

	public Instant getReceived() {
		return this.received;
	}

	public String getResubmitted() {
		return this.resubmitted;
	}

	public String getResultHeader() {
		return this.resultHeader;
	}

	public String getResultMetadata() {
		return this.resultMetadata;
	}

	public String getResultContent() {
		return this.resultContent;
	}

	public byte[] getReplyBytes() {
		return this.replyBytes;
	}

	public Long getResultSize() {
		return this.resultSize;
	}

	public String getStatus() {
		return this.status;
	}

	public String getEname() {
		return this.ename;
	}

	public String getError() {
		return this.error;
	}

	public String getStdout() {
		return this.stdout;
	}

	public String getStderr() {
		return this.stderr;
	}

	public String getExecuteResult() {
		return this.executeResult;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

	@Override
	public String toString() {
		return "TaskRecord[" + this.id + ", " + this.msgType + ", " + this.status + "]";
	}

}
