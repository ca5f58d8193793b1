package io.jparallel.hub.web;

import java.util.Map;

/**
 * A task as {@code GET /tasks} and {@code GET /tasks/{msgId}} show it (the audit's summary; a query,
 * {@code GET /tasks?query=...}, returns every field by its record name).
 *
 * @param id the record's id: the request's msg id, or {@code msgId@engineId} for one engine of a broadcast
 * @param msgId the request's message id
 * @param msgType the request's type
 * @param session the client session that sent it
 * @param username the user it ran as
 * @param submitted when the client made it
 * @param target the engine ids it was addressed to, if any
 * @param route {@code mux}, {@code task}, {@code broadcast}, {@code control} or {@code scheduler}
 * @param label the task's label, if any
 * @param engineId the engine that ran it
 * @param engineUuid that engine's uuid
 * @param started when the engine started it
 * @param completed when the engine completed it
 * @param replied when the reply was recorded
 * @param status {@code pending}, {@code ok} or {@code error}
 * @param ename the exception class, if it failed
 * @param resubmitted the id of the request this one repeats, if it was resubmitted
 * @param requestBytes the request's encoded size
 * @param resultBytes the reply's encoded size
 */
public record TaskView(String id, String msgId, String msgType, String session, String username, String submitted,
		String target, String route, String label, Integer engineId, String engineUuid, String started,
		String completed, String replied, String status, String ename, String resubmitted, Long requestBytes,
		Long resultBytes) {

	/** The view of a record as the query engine returns it (property name to value). */
	static TaskView of(Map<String, Object> record) {
		return new TaskView(text(record, "id"), text(record, "msgId"), text(record, "msgType"),
				text(record, "clientUuid"), text(record, "username"), text(record, "submitted"), text(record, "target"),
				text(record, "queue"), text(record, "label"), integer(record.get("engineId")), text(record, "engineUuid"),
				text(record, "started"), text(record, "completed"), text(record, "received"), text(record, "status"),
				text(record, "ename"), text(record, "resubmitted"), longValue(record.get("requestSize")),
				longValue(record.get("resultSize")));
	}

	private static String text(Map<String, Object> record, String key) {
		Object value = record.get(key);
		return (value != null) ? value.toString() : null;
	}

	private static Integer integer(Object value) {
		return (value instanceof Number number) ? number.intValue() : null;
	}

	private static Long longValue(Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

}
