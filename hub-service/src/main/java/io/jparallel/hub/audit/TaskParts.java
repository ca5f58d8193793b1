package io.jparallel.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

/** Reads what requests and replies tell their records. Only {@code *_request} and {@code *_reply} make records. */
final class TaskParts {

	private static final String REQUEST_SUFFIX = "_request";

	private static final String REPLY_SUFFIX = "_reply";

	private static final String CODE = "code";

	private static final String DISPLAY = "display";

	private TaskParts() {
	}

	static boolean isRequest(Message message) {
		return message.parentHeader() == null && message.msgType().endsWith(REQUEST_SUFFIX);
	}

	static boolean isReply(Message message) {
		return message.parentHeader() != null && message.msgType().endsWith(REPLY_SUFFIX);
	}

	/**
	 * @param request a request ({@link #isRequest(Message)})
	 * @param encoded the signed request as it travelled
	 */
	static RequestPart request(Message request, byte[] encoded) {
		String targets = request.metadata(MetadataKeys.TARGETS);
		String target = (targets != null) ? targets : request.metadata(MetadataKeys.TARGET);
		String executeInput = MessageType.EXECUTE_REQUEST.equals(request.msgType()) ? request.content(CODE) : null;
		return new RequestPart(RequestHeader.of(request.header()),
				Texts.truncate(request.metadata(MetadataKeys.ROUTE), 16), AuditJson.map(request.metadata()),
				AuditJson.map(request.content()), encoded, request.metadata(MetadataKeys.LABEL), executeInput, target,
				engineIds(target), Texts.truncate(request.metadata(MetadataKeys.RESUBMITTED), 300));
	}

	/**
	 * @param reply a reply ({@link #isReply(Message)})
	 * @param encoded the signed reply as it travelled
	 * @param received when the hub recorded it
	 */
	static ReplyPart reply(Message reply, byte[] encoded, Instant received) {
		String ename = reply.content(MetadataKeys.ENAME);
		String evalue = reply.content(MetadataKeys.EVALUE);
		String error = (ename != null) ? ((evalue != null) ? ename + ": " + evalue : ename) : null;
		return new ReplyPart(reply.parentHeader().msgId(), RequestHeader.of(reply.parentHeader()),
				Texts.parseInt(reply.metadata(MetadataKeys.ENGINE_ID)),
				Texts.truncate(reply.metadata(MetadataKeys.ENGINE_UUID), 255),
				Texts.parseInstant(reply.metadata(MetadataKeys.STARTED)),
				Texts.parseInstant(reply.metadata(MetadataKeys.COMPLETED)), received, AuditJson.header(reply.header()),
				AuditJson.map(reply.metadata()), AuditJson.map(reply.content()), encoded, status(reply, ename), ename,
				error, reply.content(MetadataKeys.STDOUT), reply.content(MetadataKeys.STDERR), reply.content(DISPLAY));
	}

	/** The reply's status; one that does not say is an error if it names one, else ok. */
	private static String status(Message reply, String ename) {
		String status = reply.content(MetadataKeys.STATUS);
		if (status == null || status.isBlank() || TaskRecord.PENDING.equals(status)) {
			status = (ename != null) ? MetadataKeys.STATUS_ERROR : MetadataKeys.STATUS_OK;
		}
		return Texts.truncate(status, 16);
	}

	/** The engine ids of a comma-separated target, in order; none if any is not a number. */
	static List<Integer> engineIds(String target) {
		if (target == null || target.isBlank()) {
			return List.of();
		}
		Set<Integer> ids = new LinkedHashSet<>();
		for (String part : target.split(",")) {
			Integer id = Texts.parseInt(part);
			if (id == null || id < 0) {
				return List.of();
			}
			ids.add(id);
		}
		return new ArrayList<>(ids);
	}

}
