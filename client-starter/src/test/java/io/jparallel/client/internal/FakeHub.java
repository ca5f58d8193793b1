package io.jparallel.client.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.MessageCodec;

/** A hub that answers each query type with what the test says, and keeps the requests. */
public final class FakeHub implements HubChannel {

	public static final MessageCodec CODEC = MessageCodec.withKey(new byte[32]);

	private final Map<String, Function<Message, Map<String, String>>> contents = new HashMap<>();

	private final Map<String, Function<Message, List<byte[]>>> buffers = new HashMap<>();

	private final List<Message> requests = new CopyOnWriteArrayList<>();

	/** Answers {@code msgType} with {@code status: ok} and this content. */
	public FakeHub answer(String msgType, Function<Message, Map<String, String>> content) {
		return answer(msgType, content, request -> List.of());
	}

	public FakeHub answer(String msgType, Function<Message, Map<String, String>> content,
			Function<Message, List<byte[]>> buffers) {
		this.contents.put(msgType, content);
		this.buffers.put(msgType, buffers);
		return this;
	}

	@Override
	public Message call(Message request) {
		this.requests.add(request);
		Function<Message, Map<String, String>> content = this.contents.get(request.msgType());
		if (content == null) {
			throw new io.jparallel.client.JParallelException("The hub did not answer the " + request.msgType()
					+ " within 30 s: is it running?");
		}
		Map<String, String> all = new HashMap<>(Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK));
		all.putAll(content.apply(request));
		return new Message(Header.create(MessageType.replyTo(request.msgType()), "hub", "hub"), request.header(),
				Map.of(), all, this.buffers.get(request.msgType()).apply(request));
	}

	public List<Message> requests() {
		return List.copyOf(this.requests);
	}

	public List<Message> requests(String msgType) {
		return this.requests.stream().filter(request -> request.msgType().equals(msgType)).toList();
	}

	public HubQueries queries() {
		return new HubQueries(this, CODEC, "client-test", "tester", "classes-test");
	}

	/** An engine's signed {@code apply_reply} to {@code msgId} with {@code value}, as the hub stores it. */
	public static byte[] storedOk(String msgId, int engineId, Object value, String stdout) {
		Map<String, String> content = new HashMap<>(Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK));
		content.put(MetadataKeys.STDOUT, stdout);
		return CODEC.encode(reply(msgId, MessageType.APPLY_REPLY, engineId, content,
				new ArrayList<>(List.of(ValueCodec.encode(value)))));
	}

	/** An engine's signed failed reply to {@code msgId}. */
	public static byte[] storedError(String msgId, int engineId, String ename, String evalue) {
		return CODEC.encode(reply(msgId, MessageType.APPLY_REPLY, engineId,
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR, MetadataKeys.ENAME, ename, MetadataKeys.EVALUE,
						evalue, MetadataKeys.TRACEBACK, "at Remote.run(1)"),
				List.of()));
	}

	static Message reply(String msgId, String type, int engineId, Map<String, String> content, List<byte[]> buffers) {
		Header parent = new Header(msgId, type.replace("_reply", "_request"), "client-other",
				"someone", Instant.parse("2025-01-31T12:00:00Z"), Header.PROTOCOL_VERSION);
		Instant started = Instant.parse("2025-01-31T12:00:01Z");
		return new Message(Header.create(type, "engine-" + engineId, "engine"), parent,
				Map.of(MetadataKeys.ENGINE_ID, String.valueOf(engineId), MetadataKeys.ENGINE_UUID, "uuid-" + engineId,
						MetadataKeys.STARTED, started.toString(), MetadataKeys.COMPLETED,
						started.plusSeconds(2).toString()),
				content, buffers);
	}

}
