package io.jparallel.hub.web;

import java.time.Instant;

import io.jparallel.hub.audit.TaskRecord;

/**
 * A task as {@code GET /tasks} shows it.
 *
 * @param msgId the request's message id
 * @param msgType the request's type
 * @param session the client session that sent it
 * @param username the user it ran as
 * @param submitted when the client made it
 * @param target the engine ids it was addressed to, if any
 * @param route {@code mux} or {@code task}
 * @param engineId the engine that ran it
 * @param engineUuid that engine's uuid
 * @param started when the engine started it
 * @param completed when the engine completed it
 * @param replied when the reply was made
 * @param status {@code ok} or {@code error}, once replied
 * @param ename the exception class, if it failed
 * @param replyType the reply's type
 * @param requestBytes the request's encoded size
 * @param resultBytes the reply's encoded size
 */
public record TaskView(String msgId, String msgType, String session, String username, Instant submitted,
		String target, String route, Integer engineId, String engineUuid, Instant started, Instant completed,
		Instant replied, String status, String ename, String replyType, Long requestBytes, Long resultBytes) {

	static TaskView of(TaskRecord task) {
		return new TaskView(task.getMsgId(), task.getMsgType(), task.getSession(), task.getUsername(),
				task.getSubmitted(), task.getTarget(), task.getRoute(), task.getEngineId(), task.getEngineUuid(),
				task.getStarted(), task.getCompleted(), task.getReplied(), task.getStatus(), task.getEname(),
				task.getReplyType(), task.getRequestBytes(), task.getResultBytes());
	}

}
