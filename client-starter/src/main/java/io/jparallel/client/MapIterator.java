package io.jparallel.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of a lazy map ({@link LoadBalancedView#imap}): the input is read and sent a chunk at a
 * time as results are consumed, with at most {@code maxOutstanding} chunks in flight (sent, not yet
 * answered) and at most as many more answered but not yet consumed. Results come in input order, or
 * with {@code ordered=false} chunk by chunk as they complete. A chunk that failed raises its
 * {@link RemoteError} from {@code hasNext()}/{@code next()}; the iteration can go on after it.
 * <pre>{@code
 * try (MapIterator<Integer> squares = lview.imap(x -> x * x, hugeIterable)) {
 *     while (squares.hasNext()) { consume(squares.next()); }
 * }
 * long total = lview.imap(x -> x * x, xs).stream().mapToLong(Integer::longValue).sum();
 * }</pre>
 * Closing it stops sending and aborts the chunks not yet run. For one thread at a time.
 *
 * @param <R> the result type
 */
public final class MapIterator<R> implements Iterator<R>, AutoCloseable {

	private static final long WAKE_UP_MILLIS = 100;

	private final ChunkReader chunks;

	private final Function<List<List<?>>, AsyncResult<List<R>>> submitter;

	private final int maxOutstanding;

	private final boolean ordered;

	/** Ordered: the chunks sent and not consumed, in input order. */
	private final ArrayDeque<AsyncResult<List<R>>> inOrder = new ArrayDeque<>();

	/** Unordered: the chunks answered and not consumed, in completion order. */
	private final LinkedBlockingQueue<AsyncResult<List<R>>> completions = new LinkedBlockingQueue<>();

	/** Ordered: released whenever a chunk is answered. */
	private final Semaphore answered = new Semaphore(0);

	private final List<AsyncResult<List<R>>> sent = new ArrayList<>();

	private final AtomicInteger completed = new AtomicInteger();

	private int consumed;

	private Iterator<R> current = Collections.emptyIterator();

	private boolean closed;

	/**
	 * @param sequences the input, read lazily, element-wise
	 * @param chunksize items per chunk
	 * @param maxOutstanding chunks in flight at most
	 * @param ordered whether results come in input order
	 * @param submitter sends one chunk (one list per sequence) and gives its results
	 */
	MapIterator(List<? extends Iterable<?>> sequences, int chunksize, int maxOutstanding, boolean ordered,
			Function<List<List<?>>, AsyncResult<List<R>>> submitter) {
		if (maxOutstanding < 1) {
			throw new IllegalArgumentException("maxOutstanding must be at least 1, was " + maxOutstanding);
		}
		this.chunks = new ChunkReader(sequences, chunksize);
		this.submitter = submitter;
		this.maxOutstanding = maxOutstanding;
		this.ordered = ordered;
		topUp();
	}

	@Override
	public boolean hasNext() {
		while (!this.current.hasNext()) {
			if (this.closed) {
				return false;
			}
			topUp();
			AsyncResult<List<R>> next = this.ordered ? nextInOrder() : nextCompleted();
			if (next == null) {
				return false;
			}
			this.consumed++;
			topUp();
			this.current = next.get().iterator();
		}
		return true;
	}

	@Override
	public R next() {
		if (!hasNext()) {
			throw new NoSuchElementException("No more results");
		}
		return this.current.next();
	}

	/** The remaining results as a stream; closing the stream closes this. */
	public Stream<R> stream() {
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
			.onClose(this::close);
	}

	/** How many chunks have been sent so far. */
	public int submittedChunks() {
		return this.sent.size();
	}

	/** How many chunks are sent and not yet answered. */
	public int inFlightChunks() {
		return this.sent.size() - this.completed.get();
	}

	/** Stops sending chunks, and aborts those sent that have not run yet. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (AsyncResult<List<R>> result : this.sent) {
			if (!result.ready()) {
				result.stopQuietly(false);
			}
		}
	}

	/** Sends chunks while fewer than {@code maxOutstanding} are in flight and as few wait to be consumed. */
	private void topUp() {
		while (!this.closed && this.chunks.hasNext() && inFlightChunks() < this.maxOutstanding
				&& this.completed.get() - this.consumed < this.maxOutstanding) {
			AsyncResult<List<R>> result = this.submitter.apply(this.chunks.next());
			this.sent.add(result);
			if (this.ordered) {
				this.inOrder.add(result);
			}
			result.whenDone(() -> {
				this.completed.incrementAndGet();
				if (this.ordered) {
					this.answered.release();
				}
				else {
					this.completions.add(result);
				}
			});
		}
	}

	private AsyncResult<List<R>> nextInOrder() {
		AsyncResult<List<R>> head = this.inOrder.peek();
		if (head == null) {
			return null;
		}
		while (!head.ready()) {
			try {
				this.answered.tryAcquire(WAKE_UP_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				throw interrupted();
			}
			this.answered.drainPermits();
			topUp();
		}
		return this.inOrder.poll();
	}

	private AsyncResult<List<R>> nextCompleted() {
		while (this.sent.size() > this.consumed) {
			try {
				AsyncResult<List<R>> done = this.completions.poll(WAKE_UP_MILLIS, TimeUnit.MILLISECONDS);
				if (done != null) {
					return done;
				}
			}
			catch (InterruptedException ex) {
				throw interrupted();
			}
		}
		return null;
	}

	private static JParallelException interrupted() {
		Thread.currentThread().interrupt();
		return new JParallelException("Interrupted while waiting for map results");
	}

	@Override
	public String toString() {
		return "MapIterator[" + submittedChunks() + " chunk(s) sent, " + inFlightChunks() + " in flight, "
				+ (this.chunks.hasNext() ? "more to read" : "input read") + "]";
	}

	/** Reads sequences element-wise, a chunk at a time, checking they have equal lengths. */
	static final class ChunkReader {

		private final List<Iterator<?>> iterators = new ArrayList<>();

		private final int chunksize;

		private long read;

		ChunkReader(List<? extends Iterable<?>> sequences, int chunksize) {
			if (sequences.isEmpty()) {
				throw new IllegalArgumentException("map needs at least one sequence");
			}
			if (chunksize < 1) {
				throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
			}
			sequences.forEach(sequence -> this.iterators.add(sequence.iterator()));
			this.chunksize = chunksize;
		}

		boolean hasNext() {
			boolean more = this.iterators.get(0).hasNext();
			if (!more) {
				for (int i = 1; i < this.iterators.size(); i++) {
					if (this.iterators.get(i).hasNext()) {
						throw unequal(i, "has more");
					}
				}
			}
			return more;
		}

		List<List<?>> next() {
			List<List<?>> chunk = new ArrayList<>(this.iterators.size());
			List<Object> first = new ArrayList<>(this.chunksize);
			Iterator<?> leader = this.iterators.get(0);
			while (first.size() < this.chunksize && leader.hasNext()) {
				first.add(leader.next());
			}
			chunk.add(first);
			for (int i = 1; i < this.iterators.size(); i++) {
				List<Object> items = new ArrayList<>(first.size());
				Iterator<?> iterator = this.iterators.get(i);
				while (items.size() < first.size()) {
					if (!iterator.hasNext()) {
						throw unequal(i, "ended after " + (this.read + items.size()) + " items");
					}
					items.add(iterator.next());
				}
				chunk.add(items);
			}
			this.read += first.size();
			return chunk;
		}

		private IllegalArgumentException unequal(int index, String what) {
			return new IllegalArgumentException("map needs sequences of equal length: sequence " + (index + 1) + " "
					+ what + ", sequence 1 " + (what.startsWith("has") ? "ended after " + this.read + " items"
							: "has more"));
		}

	}

}
