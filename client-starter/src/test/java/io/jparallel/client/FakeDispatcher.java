package io.jparallel.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.jparallel.client.internal.Dispatcher;
import io.jparallel.client.internal.FinishedRequests;
import io.jparallel.client.internal.RequestMessages;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;

/**
 * A dispatcher that builds each request as the real one does and keeps it, with replies the test gives;
 * responders answer some request types at once (as the scheduler or an engine would).
 */
final class FakeDispatcher implements Dispatcher {

	private final RequestMessages messages = new RequestMessages("client-test", "tester", "classes-test");

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Message, Message>> responders = new HashMap<>();

	private final FinishedRequests finished = new FinishedRequests(100);

	/** Answers every request of this type at once with {@code responder}'s reply. */
	FakeDispatcher respond(String msgType, Function<Message, Message> responder) {
		this.responders.put(msgType, responder);
		return this;
	}

	@Override
	public List<Submission> send(String msgType, String route, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers, Map<String, String> metadata) {
		Header header = this.messages.header(msgType);
		Message request = this.messages.build(header, route, targets, content, buffers, metadata);
		List<Submission> submissions = new ArrayList<>();
		for (int target : targets) {
			submissions.add(new Submission(header.msgId(), Instant.now(), target, new CompletableFuture<>()));
		}
		Sent one = new Sent(request, submissions);
		this.sent.add(one);
		Function<Message, Message> responder = this.responders.get(msgType);
		if (responder != null) {
			submissions.forEach(submission -> complete(submission, responder.apply(request)));
		}
		return submissions;
	}

	@Override
	public Map<String, List<Integer>> pendingTargets(Collection<String> msgIds) {
		Map<String, List<Integer>> targets = new LinkedHashMap<>();
		for (Sent one : this.sent) {
			for (Submission submission : one.submissions()) {
				if (msgIds.contains(submission.msgId()) && !submission.reply().isDone()) {
					targets.computeIfAbsent(submission.msgId(), id -> new ArrayList<>()).add(submission.target());
				}
			}
		}
		return targets;
	}

	@Override
	public List<String> pendingOn(Collection<Integer> engines) {
		Set<String> ids = new LinkedHashSet<>();
		for (Sent one : this.sent) {
			for (Submission submission : one.submissions()) {
				if (engines.contains(submission.target()) && !submission.reply().isDone()) {
					ids.add(submission.msgId());
				}
			}
		}
		return List.copyOf(ids);
	}

	@Override
	public List<CompletableFuture<Message>> pendingReplies() {
		return this.sent.stream()
			.flatMap(one -> one.submissions().stream())
			.map(Submission::reply)
			.filter(reply -> !reply.isDone())
			.toList();
	}

	@Override
	public Optional<FinishedRequests.Outcome> outcome(String msgId) {
		return this.finished.outcome(msgId);
	}

	List<Sent> sent() {
		return List.copyOf(this.sent);
	}

	List<Sent> sent(String msgType) {
		return this.sent.stream().filter(one -> one.request().msgType().equals(msgType)).toList();
	}

	Sent last() {
		return this.sent.get(this.sent.size() - 1);
	}

	/** Answers {@code submission} as engine {@code engineId} with {@code values} as buffers. */
	void ok(Submission submission, int engineId, Object... values) {
		List<byte[]> buffers = new ArrayList<>();
		for (Object value : values) {
			buffers.add(ValueCodec.encode(value));
		}
		complete(submission, reply(submission.msgId(), engineId, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK),
				Map.of(), buffers));
	}

	/** Fails {@code submission} as engine {@code engineId} (-1: the scheduler) with {@code ename}. */
	void error(Submission submission, int engineId, String ename) {
		complete(submission, reply(submission.msgId(), engineId, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_ERROR,
				MetadataKeys.ENAME, ename, MetadataKeys.EVALUE, "it failed", MetadataKeys.TRACEBACK, ""), Map.of(),
				List.of()));
	}

	void complete(Submission submission, Message reply) {
		String engine = reply.metadata(MetadataKeys.ENGINE_ID);
		this.finished.remember(submission.msgId(), MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS)),
				(engine != null) ? Integer.parseInt(engine) : -1);
		submission.reply().complete(reply);
	}

	/** A reply to {@code request} with this content, from the scheduler. */
	static Message schedulerReply(Message request, Map<String, String> content) {
		return new Message(Header.create(MessageType.replyTo(request.msgType()), "scheduler", "scheduler"),
				request.header(), Map.of(), content, List.of());
	}

	static Message reply(String msgId, int engineId, Map<String, String> content, Map<String, String> metadata,
			List<byte[]> buffers) {
		Map<String, String> allMetadata = new HashMap<>(metadata);
		if (engineId >= 0) {
			allMetadata.put(MetadataKeys.ENGINE_ID, String.valueOf(engineId));
		}
		Header parent = new Header(msgId, MessageType.APPLY_REQUEST, "client-test", "tester", Instant.now(),
				Header.PROTOCOL_VERSION);
		return new Message(Header.create(MessageType.APPLY_REPLY, "engine-" + engineId, "engine"), parent, allMetadata,
				content, buffers);
	}

	/**
	 * One request sent.
	 *
	 * @param request the message as built for the broker
	 * @param submissions one per target
	 */
	record Sent(Message request, List<Submission> submissions) {

		Submission submission() {
			return this.submissions.get(0);
		}

		String metadata(String key) {
			return this.request.metadata(key);
		}

		String content(String key) {
			return this.request.content(key);
		}

	}

}
