package io.jparallel.scheduler.tasks;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.amqp.Accepted;
import io.jparallel.protocol.amqp.Chunks;

/**
 * Turns verified task requests into {@link Task}s: a whole request at once, a chunked one when its last
 * chunk has come (its chunks, which carry the original's metadata, then travel on together).
 */
@Component
public class TaskIntake {

	private final Map<String, Partial> partials = new HashMap<>();

	/**
	 * The task of this request, or {@code null} while chunks of it are still to come.
	 * @throws IllegalArgumentException if its flags are not understood
	 */
	public Task offer(Accepted accepted) {
		return offer(accepted, () -> {
		});
	}

	/**
	 * As {@link #offer(Accepted)}; {@code receipt} releases the delivery the request came in, and goes
	 * with the task (a chunked task's releases are all of its chunks').
	 * @throws IllegalArgumentException if its flags are not understood (the receipt is not kept then)
	 */
	public synchronized Task offer(Accepted accepted, Runnable receipt) {
		Message request = accepted.message();
		if (!Chunks.isChunk(request)) {
			return new Task(request.header(), TaskFlags.of(request), java.util.List.of(accepted.encoded()),
					System.nanoTime()).withReceipts(java.util.List.of(receipt));
		}
		String of = request.content(Chunks.CHUNK_OF);
		int count = Integer.parseInt(request.content(Chunks.CHUNK_COUNT));
		int index = Integer.parseInt(request.content(Chunks.CHUNK_INDEX));
		if (index < 0 || index >= count) {
			throw new IllegalArgumentException("chunk " + index + " of " + count + " is out of range");
		}
		Partial partial = this.partials.computeIfAbsent(of, key -> new Partial(originalHeader(request),
				TaskFlags.of(request), new byte[count][], System.nanoTime(), new java.util.ArrayList<>()));
		partial.receipts().add(receipt);
		if (partial.parts()[index] == null) {
			partial.parts()[index] = accepted.encoded();
		}
		if (Arrays.stream(partial.parts()).anyMatch(part -> part == null)) {
			return null;
		}
		this.partials.remove(of);
		return new Task(partial.header(), partial.flags(), Arrays.asList(partial.parts()), partial.firstNanos())
			.withReceipts(partial.receipts());
	}

	/** Forgets chunks received so far: after a lost broker connection they are all delivered again. */
	public synchronized void brokerLost() {
		this.partials.clear();
	}

	/** The header of the request a chunk is part of: what its client waits for a reply to. */
	public static Header originalHeader(Message chunk) {
		Header header = chunk.header();
		return new Header(chunk.content(Chunks.CHUNK_OF), chunk.content(Chunks.CHUNK_TYPE), header.session(),
				header.username(), (header.date() != null) ? header.date() : Instant.now(), header.version());
	}

	private record Partial(Header header, TaskFlags flags, byte[][] parts, long firstNanos,
			java.util.List<Runnable> receipts) {
	}

}
