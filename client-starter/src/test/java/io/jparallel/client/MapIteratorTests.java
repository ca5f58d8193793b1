package io.jparallel.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MapIteratorTests {

	private final ScheduledExecutorService engines = Executors.newScheduledThreadPool(4);

	/** Chunks sent and not answered, now and at most. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final List<List<List<?>>> sentChunks = new ArrayList<>();

	@AfterEach
	void stop() {
		this.engines.shutdownNow();
	}

	@Test
	void resultsComeInInputOrderWithNeverMoreThanMaxOutstandingChunksInFlight() {
		CountingIterable input = new CountingIterable(1000);
		MapIterator<Integer> squares = new MapIterator<>(List.of(input), 10, 4, true, this::squareLater);

		assertThat(this.sentChunks.size()).isBetween(4, 8);
		assertThat(input.read.get()).isEqualTo(this.sentChunks.size() * 10);
		List<Integer> all = new ArrayList<>();
		squares.forEachRemaining(all::add);

		assertThat(all).isEqualTo(IntStream.range(0, 1000).map(x -> x * x).boxed().toList());
		assertThat(this.maxInFlight.get()).isLessThanOrEqualTo(4).isGreaterThan(1);
		assertThat(squares.submittedChunks()).isEqualTo(100);
		assertThat(squares.hasNext()).isFalse();
	}

	@Test
	void unorderedResultsComeChunkByChunkAsTheyComplete() {
		MapIterator<Integer> squares = new MapIterator<>(List.of(new CountingIterable(200)), 7, 3, false,
				this::squareLater);

		List<Integer> all = squares.stream().toList();

		assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).map(x -> x * x).boxed().toList());
		assertThat(this.maxInFlight.get()).isLessThanOrEqualTo(3);
	}

	@Test
	void theInputIsReadOnlyAsResultsAreConsumed() {
		CountingIterable input = new CountingIterable(100);
		MapIterator<Integer> squares = new MapIterator<>(List.of(input), 5, 2, true, this::squareLater);

		assertThat(squares.next()).isZero();

		assertThat(input.read.get()).isLessThanOrEqualTo(5 * 2 * 2);
		assertThat(squares.submittedChunks()).isLessThanOrEqualTo(4);
	}

	@Test
	void severalSequencesAreReadElementWiseAndMustHaveEqualLengths() {
		MapIterator<Integer> sums = new MapIterator<>(List.of(List.of(1, 2, 3), List.of(10, 20, 30)), 2, 2, true,
				chunk -> answered(IntStream.range(0, chunk.get(0).size())
					.map(i -> (Integer) chunk.get(0).get(i) + (Integer) chunk.get(1).get(i))
					.boxed()
					.toList()));

		assertThat(sums.stream().toList()).containsExactly(11, 22, 33);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MapIterator<>(List.of(List.of(1, 2, 3), List.of(1)), 2, 1, true,
					chunk -> answered(List.of())).forEachRemaining(x -> { }))
			.withMessageContaining("equal length");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MapIterator<>(List.of(List.of(1), List.of(1, 2)), 1, 1, true,
					chunk -> answered(List.of(1))).forEachRemaining(x -> { }))
			.withMessageContaining("sequence 2 has more");
	}

	@Test
	void aFailedChunkRaisesItsErrorAndTheRestFollows() {
		AtomicInteger chunks = new AtomicInteger();
		MapIterator<Object> results = new MapIterator<>(List.of(List.of(1, 2, 3)), 1, 1, true, chunk -> {
			Submission submission = submission();
			if (chunks.getAndIncrement() == 1) {
				submission.reply().complete(FakeDispatcher.reply(submission.msgId(), 0, Map.of(MetadataKeys.STATUS,
						MetadataKeys.STATUS_ERROR, MetadataKeys.ENAME, "java.lang.ArithmeticException"), Map.of(),
						List.of()));
				return new AsyncResult<>(List.of(submission), true, reply -> null, ViewSupport::first);
			}
			return answered(chunk.get(0));
		});

		assertThat(results.next()).isEqualTo(1);
		assertThatExceptionOfType(RemoteError.class).isThrownBy(results::next)
			.withMessageContaining("ArithmeticException");
		assertThat(results.next()).isEqualTo(3);
		assertThat(results.hasNext()).isFalse();
	}

	@Test
	void closingStopsSending() {
		CountingIterable input = new CountingIterable(100);
		MapIterator<Integer> squares = new MapIterator<>(List.of(input), 1, 2, true, this::squareLater);

		squares.close();
		int sent = squares.submittedChunks();

		assertThat(squares.hasNext()).isFalse();
		assertThat(squares.submittedChunks()).isEqualTo(sent).isLessThanOrEqualTo(4);
	}

	/** Answers a chunk of squares after a few milliseconds, counting chunks in flight. */
	private AsyncResult<List<Integer>> squareLater(List<List<?>> chunk) {
		synchronized (this.sentChunks) {
			this.sentChunks.add(chunk);
		}
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		Submission submission = submission();
		List<Integer> squares = chunk.get(0).stream().map(x -> (Integer) x * (Integer) x).toList();
		this.engines.schedule(() -> {
			this.inFlight.decrementAndGet();
			submission.reply().complete(ok(submission, squares));
		}, ThreadLocalRandom.current().nextInt(1, 5), TimeUnit.MILLISECONDS);
		return new AsyncResult<>(List.of(submission), true, MapIteratorTests::decode, ViewSupport::flatten);
	}

	private static <R> AsyncResult<List<R>> answered(List<?> values) {
		Submission submission = submission();
		submission.reply().complete(ok(submission, values));
		return new AsyncResult<>(List.of(submission), true, MapIteratorTests::decode, ViewSupport::flatten);
	}

	private static Object decode(io.jparallel.protocol.Message reply) throws Exception {
		return ValueCodec.decode(reply.buffers().get(0), MapIteratorTests.class.getClassLoader());
	}

	private static io.jparallel.protocol.Message ok(Submission submission, List<?> values) {
		return FakeDispatcher.reply(submission.msgId(), 0, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK), Map.of(),
				List.of(ValueCodec.encode(new ArrayList<>(values))));
	}

	private static Submission submission() {
		return new Submission("msg-" + System.nanoTime(), Instant.now(), -1, new CompletableFuture<>());
	}

	/** The integers {@code 0..n-1}, counting how many were read. */
	private static final class CountingIterable implements Iterable<Integer> {

		private final int size;

		private final AtomicInteger read = new AtomicInteger();

		CountingIterable(int size) {
			this.size = size;
		}

		@Override
		public Iterator<Integer> iterator() {
			return new Iterator<>() {
				private int next;

				@Override
				public boolean hasNext() {
					return this.next < CountingIterable.this.size;
				}

				@Override
				public Integer next() {
					CountingIterable.this.read.incrementAndGet();
					return this.next++;
				}
			};
		}

	}

}
