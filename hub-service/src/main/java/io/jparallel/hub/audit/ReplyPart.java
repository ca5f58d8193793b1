package io.jparallel.hub.audit;

import java.time.Instant;

/**
 * What a reply tells its request's record.
 *
 * @param requestId the msg id of the request it answers
 * @param requestHeader the request's header, from the reply's parent header ({@code null} when read back)
 * @param engineId the engine that ran the request, if the reply says
 * @param engineUuid that engine's uuid
 * @param started when the engine started the request
 * @param completed when it completed it
 * @param received when the hub recorded the reply
 * @param header the reply's header as JSON text
 * @param metadata its metadata as JSON text
 * @param content its content as JSON text
 * @param bytes the signed reply as it travelled (chunks put back together)
 * @param status {@code ok} or {@code error}
 * @param ename the exception class of an error
 * @param error {@code ename: evalue} of an error
 * @param stdout what the request printed
 * @param stderr what it printed to standard error
 * @param executeResult the display of an execute reply
 */
record ReplyPart(String requestId, RequestHeader requestHeader, Integer engineId, String engineUuid, Instant started,
		Instant completed, Instant received, String header, String metadata, String content, byte[] bytes,
		String status, String ename, String error, String stdout, String stderr, String executeResult) {

}
