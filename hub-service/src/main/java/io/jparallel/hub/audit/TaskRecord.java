package io.jparallel.hub.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;

/**
 * One request and, once it came, its reply, keyed by the request's message id. Either may be seen first:
 * a reply whose request was not seen still tells the request's type, session and date from its parent
 * header. Buffers are never stored, only their sizes.
 */
@Entity
@Table(name = "tasks", indexes = @Index(name = "tasks_recorded_at", columnList = "recordedAt"))
public class TaskRecord implements Persistable<String> {

	private static final int SHORT = 255;

	private static final int LONG = 2000;

	@Id
	@Column(length = SHORT)
	private String msgId;

	@Column(length = 64)
	private String msgType;

	@Column(name = "client_session", length = SHORT)
	private String session;

	@Column(length = SHORT)
	private String username;

	private Instant submitted;

	@Column(length = LONG)
	private String target;

	@Column(length = 16)
	private String route;

	private Long requestBytes;

	@Column(length = SHORT)
	private String replyMsgId;

	@Column(length = 64)
	private String replyType;

	private Integer engineId;

	@Column(length = SHORT)
	private String engineUuid;

	private Instant started;

	private Instant completed;

	private Instant replied;

	@Column(length = 16)
	private String status;

	@Column(length = SHORT)
	private String ename;

	private Long resultBytes;

	@Column(nullable = false)
	private Instant recordedAt;

	@Transient
	private boolean isNew;

	protected TaskRecord() {
	}

	private TaskRecord(String msgId, Instant recordedAt) {
		this.msgId = msgId;
		this.recordedAt = recordedAt;
		this.isNew = true;
	}

	/** A new record of the task whose request has id {@code msgId}. */
	public static TaskRecord of(String msgId, Instant recordedAt) {
		if (msgId == null || msgId.isEmpty()) {
			throw new IllegalArgumentException("A task record needs the request's message id");
		}
		return new TaskRecord(truncate(msgId, SHORT), recordedAt);
	}

	/**
	 * Takes what the request tells: type, session, user, date, target and route.
	 * @param request the request
	 * @param bytes its encoded size
	 */
	public void request(Message request, long bytes) {
		requestHeader(request.header());
		String targets = request.metadata(MetadataKeys.TARGETS);
		this.target = truncate((targets != null) ? targets : request.metadata(MetadataKeys.TARGET), LONG);
		this.route = truncate(request.metadata(MetadataKeys.ROUTE), 16);
		this.requestBytes = bytes;
	}

	/**
	 * Takes what the reply tells: the engine that ran the request, when, and how it went.
	 * @param reply the reply, whose parent header is the request's
	 * @param bytes its encoded size
	 */
	public void reply(Message reply, long bytes) {
		if (this.msgType == null && reply.parentHeader() != null) {
			requestHeader(reply.parentHeader());
		}
		this.replyMsgId = truncate(reply.header().msgId(), SHORT);
		this.replyType = truncate(reply.msgType(), 64);
		this.replied = reply.header().date();
		Integer engine = parseInt(reply.metadata(MetadataKeys.ENGINE_ID));
		if (engine != null) {
			this.engineId = engine;
		}
		String uuid = reply.metadata(MetadataKeys.ENGINE_UUID);
		if (uuid != null) {
			this.engineUuid = truncate(uuid, SHORT);
		}
		this.started = parseInstant(reply.metadata(MetadataKeys.STARTED));
		this.completed = parseInstant(reply.metadata(MetadataKeys.COMPLETED));
		String replyStatus = reply.content(MetadataKeys.STATUS);
		if (replyStatus == null && reply.msgType().endsWith("_error")) {
			replyStatus = MetadataKeys.STATUS_ERROR;
		}
		this.status = truncate(replyStatus, 16);
		this.ename = truncate(reply.content(MetadataKeys.ENAME), SHORT);
		this.resultBytes = bytes;
	}

	private void requestHeader(Header header) {
		this.msgType = truncate(header.msgType(), 64);
		this.session = truncate(header.session(), SHORT);
		this.username = truncate(header.username(), SHORT);
		this.submitted = header.date();
	}

	private static String truncate(String value, int length) {
		return (value != null && value.length() > length) ? value.substring(0, length) : value;
	}

	private static Integer parseInt(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Instant parseInstant(String value) {
		try {
			return (value != null) ? Instant.parse(value.trim()) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		this.isNew = false;
	}

	@Override
	public String getId() {
		return this.msgId;
	}

	/** New records are persisted without Spring Data first looking them up. */
	@Override
	public boolean isNew() {
		return this.isNew;
	}

	public String getMsgId() {
		return this.msgId;
	}

	public String getMsgType() {
		return this.msgType;
	}

	public String getSession() {
		return this.session;
	}

	public String getUsername() {
		return this.username;
	}

	public Instant getSubmitted() {
		return this.submitted;
	}

	public String getTarget() {
		return this.target;
	}

	public String getRoute() {
		return this.route;
	}

	public Long getRequestBytes() {
		return this.requestBytes;
	}

	public String getReplyMsgId() {
		return this.replyMsgId;
	}

	public String getReplyType() {
		return this.replyType;
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

	public Instant getReplied() {
		return this.replied;
	}

	public String getStatus() {
		return this.status;
	}

	public String getEname() {
		return this.ename;
	}

	public Long getResultBytes() {
		return this.resultBytes;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

}
