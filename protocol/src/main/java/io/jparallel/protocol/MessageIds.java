package io.jparallel.protocol;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh message ids: unique, in UUID form, but not random. Each JVM draws 60 random bits once and counts
 * from a random start: the id is those bits, the version nibble 8 (RFC 9562's vendor-specific layout), the
 * variant and the count. Two JVMs share a prefix with a chance of about one in 2<sup>60</sup>, and within
 * one the count does not repeat.
 * <p>
 * {@link UUID#randomUUID()} took its 16 bytes from {@code SecureRandom} ({@code NativePRNG}: a lock, a buffer
 * of {@code /dev/urandom} refilled every 100 ms and a SHA-1 mixing step) for every message. In the first
 * 5,000 load-balanced tasks of a fresh client ({@code HopProfile lb 1}) C2 compiled
 * {@code NativePRNG$RandomIO.implNextBytes} for 247 ms and {@code SecureRandom.engineNextBytes} for 233
 * (JFR compilation events, wall time on a busy machine), and engines compiled the same code (stop 27's JFR
 * of an engine, notes.md). With these ids, 1,000 direct
 * round trips and 5,000 load-balanced tasks right after a start ({@code /tmp/s31/cpu.sh}, two alternated
 * pairs) cost the client 4.36/4.96 CPU-seconds against 5.23/6.20 (its C2 thread 290/320 ms against 540/620
 * in the load-balanced round), the cluster 9.99/12.44 against 13.71/13.69, and ran 2,829/2,350 tasks/s
 * against 2,138/1,941. Message ids need to be unique, not secret: messages are signed, and secrets (the
 * bulk path's tokens) keep using {@code SecureRandom}.
 */
public final class MessageIds {

	private static final long PREFIX;

	private static final AtomicLong COUNT;

	static {
		SecureRandom random = new SecureRandom();
		PREFIX = random.nextLong();
		COUNT = new AtomicLong(random.nextLong() >>> 2);
	}

	private MessageIds() {
	}

	/** A new id, e.g. {@code 3f2b9c1e-77a0-8d41-9a3c-0000012f5a7b}. */
	public static String next() {
		long mostSignificant = (PREFIX & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_8000L;
		long leastSignificant = (COUNT.getAndIncrement() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

}
