package io.jparallel.protocol.amqp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

/** Builds replies to requests. */
public final class Replies {

	private Replies() {
	}

	public static Message reply(Message request, String session, String username, Map<String, String> metadata,
			Map<String, String> content, List<byte[]> buffers) {
		Header header = Header.create(MessageType.replyTo(request.msgType()), session, username);
		return new Message(header, request.header(), metadata, content, buffers);
	}

	/** Reply content describing an exception. */
	public static Map<String, String> errorContent(Throwable error) {
		StringWriter trace = new StringWriter();
		error.printStackTrace(new PrintWriter(trace));
		return errorContent(error.getClass().getName(), String.valueOf(error.getMessage()), trace.toString());
	}

	public static Map<String, String> errorContent(String ename, String evalue, String traceback) {
		Map<String, String> content = new HashMap<>();
		content.put(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR);
		content.put(MetadataKeys.ENAME, ename);
		content.put(MetadataKeys.EVALUE, (evalue != null) ? evalue : "");
		content.put(MetadataKeys.TRACEBACK, (traceback != null) ? traceback : "");
		return content;
	}

}
