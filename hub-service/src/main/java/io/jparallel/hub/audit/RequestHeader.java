package io.jparallel.hub.audit;

import java.time.Instant;

import io.jparallel.protocol.Header;

/**
 * What a request's header tells, as a record keeps it; a reply's parent header tells the same.
 *
 * @param msgId the request's msg id
 * @param msgType its type
 * @param session the client session that sent it
 * @param username the user
 * @param date when the client made it
 * @param json the whole header as JSON text
 */
record RequestHeader(String msgId, String msgType, String session, String username, Instant date, String json) {

	static RequestHeader of(Header header) {
		return new RequestHeader(header.msgId(), Texts.truncate(header.msgType(), 64),
				Texts.truncate(header.session(), 255), Texts.truncate(header.username(), 255), header.date(),
				AuditJson.header(header));
	}

}
