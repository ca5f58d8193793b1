package io.jparallel.client.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

/**
 * What views need of a dispatcher: sending requests on a route and knowing which are still
 * unanswered. {@link RequestDispatcher} does it over the broker; tests use a fake.
 */
public interface Dispatcher {

	/** Target of a load-balanced request: the scheduler picks the engine. */
	int LOAD_BALANCED = -1;

	/** Target of a request the scheduler answers itself. */
	int SCHEDULER = -2;

	/**
	 * A value as a request's buffer. {@link RequestDispatcher} leaves a large primitive array unencoded, to be
	 * encoded as an engine fetches it over the bulk path.
	 */
	default byte[] encodeValue(Object value) {
		return ValueCodec.encode(value);
	}

	/** The value of a reply's buffer; {@link RequestDispatcher} hands back an array decoded as it arrived. */
	default Object decodeValue(byte[] buffer, ClassLoader classLoader) throws ValueDecodingException {
		return ValueCodec.decode(buffer, classLoader);
	}

	/**
	 * Sends one request.
	 * @param route one of the {@code MetadataKeys.ROUTE_*} values
	 * @param targets the engines of a direct, control or broadcast request; {@link #LOAD_BALANCED} for a
	 * task, {@link #SCHEDULER} for the scheduler
	 * @param metadata extra request metadata (task flags); routing keys are set by the dispatcher
	 * @return one submission per target
	 */
	List<Submission> send(String msgType, String route, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers, Map<String, String> metadata);

	/**
	 * The engines that still owe a reply to each of {@code msgIds} sent by this client
	 * ({@link #LOAD_BALANCED}: a task, any engine); ids already answered, or not this client's, are missing.
	 */
	Map<String, List<Integer>> pendingTargets(Collection<String> msgIds);

	/** The ids of this client's unanswered requests addressed to any of {@code engines}. */
	List<String> pendingOn(Collection<Integer> engines);

	/** Every reply still to come, for waiting on all of them. */
	List<CompletableFuture<Message>> pendingReplies();

	/** How a request of this client that was answered ended, if it is recent enough to be remembered. */
	Optional<FinishedRequests.Outcome> outcome(String msgId);

	/**
	 * Sends one request without flags.
	 * @param target the engine id for a direct request, or {@link #LOAD_BALANCED} to load-balance it
	 */
	default Submission submit(String msgType, int target, Map<String, String> content, List<byte[]> buffers) {
		return (target >= 0) ? send(msgType, MetadataKeys.ROUTE_MUX, List.of(target), content, buffers, Map.of()).get(0)
				: submitTask(msgType, content, buffers, Map.of());
	}

	/** One direct request per target, each with its own msg id (what a {@code DirectView} sends). */
	default List<Submission> submitEach(String msgType, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers) {
		List<Submission> submissions = new java.util.ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(submit(msgType, target, content, buffers));
		}
		return submissions;
	}

	/** Sends one load-balanced task with its flags as metadata. */
	default Submission submitTask(String msgType, Map<String, String> content, List<byte[]> buffers,
			Map<String, String> metadata) {
		return send(msgType, MetadataKeys.ROUTE_TASK, List.of(LOAD_BALANCED), content, buffers, metadata).get(0);
	}

	/** Sends a control request (abort, shutdown, properties) to one engine, served there ahead of its queued work. */
	default Submission submitControl(String msgType, int target, Map<String, String> content) {
		return send(msgType, MetadataKeys.ROUTE_CONTROL, List.of(target), content, List.of(), Map.of()).get(0);
	}

	/**
	 * Sends one request that the scheduler copies to every target; one {@link Submission} per target,
	 * all with the request's msg id.
	 */
	default List<Submission> submitBroadcast(String msgType, List<Integer> targets, Map<String, String> content,
			List<byte[]> buffers) {
		return send(msgType, MetadataKeys.ROUTE_BROADCAST, targets, content, buffers, Map.of());
	}

	/** Sends a request the scheduler answers itself (abort of tasks, queue status). */
	default Submission submitToScheduler(String msgType, Map<String, String> content) {
		return send(msgType, MetadataKeys.ROUTE_SCHEDULER, List.of(SCHEDULER), content, List.of(), Map.of()).get(0);
	}

}
