package io.jparallel.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.jparallel.client.internal.ClassServer;
import io.jparallel.client.internal.RequestDispatcher;
import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.value.ValueCodec;

/** What every view does underneath: turns calls into requests and replies into values. */
final class ViewSupport {

	/** Whether a function class has no fields, i.e. captures nothing; computed once per class. */
	private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return type.getDeclaredFields().length == 0;
		}
	};

	/** Target of a load-balanced request. */
	static final int LOAD_BALANCED = -1;

	private final RequestDispatcher dispatcher;

	private final ClassServer classServer;

	private final ClassLoader resultLoader;

	private final Map<Object, byte[]> encodedFunctions = new java.util.concurrent.ConcurrentHashMap<>();

	ViewSupport(RequestDispatcher dispatcher, ClassServer classServer, ClassLoader resultLoader) {
		this.dispatcher = dispatcher;
		this.classServer = classServer;
		this.resultLoader = resultLoader;
	}

	final AsyncResult.ReplyDecoder value = reply -> reply.buffers().isEmpty() ? null
			: decode(reply.buffers().get(0));

	final AsyncResult.ReplyDecoder display = reply -> reply.content("display");

	final AsyncResult.ReplyDecoder nothing = reply -> null;

	final AsyncResult.ReplyDecoder values = reply -> {
		List<Object> decoded = new ArrayList<>(reply.buffers().size());
		for (byte[] buffer : reply.buffers()) {
			decoded.add(decode(buffer));
		}
		return decoded;
	};

	private Object decode(byte[] buffer) throws Exception {
		return ValueCodec.decode(buffer, this.resultLoader);
	}

	List<Submission> execute(String code, List<Integer> targets) {
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(this.dispatcher.submit(MessageType.EXECUTE_REQUEST, target, Map.of("code", code), List.of()));
		}
		return submissions;
	}

	/** One call of {@code function(args)} on each target ({@link #LOAD_BALANCED} for any engine). */
	List<Submission> apply(Object function, Object[] args, List<Integer> targets) {
		List<byte[]> buffers = new ArrayList<>(args.length + 1);
		buffers.add(encodeFunction(function));
		for (Object arg : args) {
			buffers.add(ValueCodec.encode(arg));
		}
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(this.dispatcher.submit(MessageType.APPLY_REQUEST, target, Map.of(), buffers));
		}
		return submissions;
	}

	/**
	 * Splits the sequences into chunks and sends one map request per chunk; chunk {@code i} goes to
	 * {@code targets.get(i % targets.size())}.
	 */
	List<Submission> map(Object function, List<List<?>> sequences, List<Integer> targets, int chunks) {
		int length = checkLengths(sequences);
		byte[] encodedFunction = encodeFunction(function);
		List<Submission> submissions = new ArrayList<>(chunks);
		for (int chunk = 0; chunk < chunks; chunk++) {
			int from = (int) ((long) length * chunk / chunks);
			int to = (int) ((long) length * (chunk + 1) / chunks);
			if (from == to) {
				continue;
			}
			List<byte[]> buffers = new ArrayList<>(sequences.size() + 1);
			buffers.add(encodedFunction);
			for (List<?> sequence : sequences) {
				buffers.add(ValueCodec.encode(new ArrayList<>(sequence.subList(from, to))));
			}
			submissions.add(this.dispatcher.submit(MessageType.APPLY_REQUEST, targets.get(chunk % targets.size()),
					Map.of("mode", "map"), buffers));
		}
		return submissions;
	}

	List<Submission> push(Map<String, ?> namespace, List<Integer> targets) {
		List<byte[]> buffers = new ArrayList<>(namespace.size());
		for (Object value : namespace.values()) {
			if (value != null) {
				this.classServer.remember(value.getClass().getClassLoader());
			}
			buffers.add(ValueCodec.encode(value));
		}
		Map<String, String> content = Map.of("names", String.join(",", namespace.keySet()));
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(this.dispatcher.submit(MessageType.PUSH_REQUEST, target, content, buffers));
		}
		return submissions;
	}

	List<Submission> pull(List<String> names, List<Integer> targets) {
		Map<String, String> content = Map.of("names", String.join(",", names));
		List<Submission> submissions = new ArrayList<>(targets.size());
		for (int target : targets) {
			submissions.add(this.dispatcher.submit(MessageType.PULL_REQUEST, target, content, List.of()));
		}
		return submissions;
	}

	<T> AsyncResult<T> result(List<Submission> submissions, boolean single, AsyncResult.ReplyDecoder decoder,
			Function<List<Object>, T> combiner, boolean block) {
		AsyncResult<T> result = new AsyncResult<>(submissions, single, decoder, combiner);
		if (block) {
			result.get();
		}
		return result;
	}

	private byte[] encodeFunction(Object function) {
		if (function == null) {
			throw new IllegalArgumentException("function must not be null");
		}
		byte[] cached = this.encodedFunctions.get(function);
		if (cached != null) {
			return cached;
		}
		this.classServer.remember(function.getClass().getClassLoader());
		byte[] encoded = ValueCodec.encode(function);
		// Only stateless functions: one with captured values may be the same object with new state.
		if (STATELESS.get(function.getClass())) {
			if (this.encodedFunctions.size() > 1024) {
				this.encodedFunctions.clear();
			}
			this.encodedFunctions.put(function, encoded);
		}
		return encoded;
	}

	static List<List<?>> sequences(Iterable<?>... iterables) {
		List<List<?>> lists = new ArrayList<>(iterables.length);
		for (Iterable<?> iterable : iterables) {
			if (iterable instanceof List<?> list) {
				lists.add(list);
			}
			else {
				List<Object> list = new ArrayList<>();
				for (Iterator<?> it = iterable.iterator(); it.hasNext();) {
					list.add(it.next());
				}
				lists.add(list);
			}
		}
		return lists;
	}

	private static int checkLengths(List<List<?>> sequences) {
		int length = sequences.get(0).size();
		for (List<?> sequence : sequences) {
			if (sequence.size() != length) {
				throw new IllegalArgumentException(
						"map needs sequences of equal length, got " + length + " and " + sequence.size());
			}
		}
		return length;
	}

	@SuppressWarnings("unchecked")
	static <T> T first(List<Object> values) {
		return (T) values.get(0);
	}

	@SuppressWarnings("unchecked")
	static <T> List<T> all(List<Object> values) {
		return (List<T>) (List<?>) values;
	}

	@SuppressWarnings("unchecked")
	static <T> List<T> flatten(List<Object> chunks) {
		List<T> flat = new ArrayList<>();
		for (Object chunk : chunks) {
			flat.addAll((List<T>) chunk);
		}
		return flat;
	}

}
