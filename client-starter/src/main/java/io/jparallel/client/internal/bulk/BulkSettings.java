package io.jparallel.client.internal.bulk;

import java.time.Duration;

/**
 * How a client uses the bulk data path, from JVM system properties:
 * <ul>
 * <li>{@code jparallel.bulk.threshold}: values (and results) of at least this many encoded bytes take the
 * bulk path (default 1 MiB); {@code 0} or less sends everything through the broker, as for a client engines
 * cannot connect to.</li>
 * <li>{@code jparallel.bulk.host}: the address engines connect to (default {@code 127.0.0.1} when the
 * broker is on this machine, else this machine's address on the route to the broker).</li>
 * <li>{@code jparallel.bulk.bind}: the address the server listens on (default the loopback address for a
 * loopback host, else all addresses).</li>
 * <li>{@code jparallel.bulk.port}: its port (default 0, any free one).</li>
 * <li>{@code jparallel.bulk.timeout-seconds}: how long a transfer may stall, and how long an engine may take
 * to connect (default 30).</li>
 * <li>{@code jparallel.bulk.ttl-seconds}: how long a pushed value stays available when no reply releases it
 * (default 600).</li>
 * </ul>
 *
 * @param threshold the smallest value, in encoded bytes, sent over the bulk path; {@code <= 0}: never
 * @param host the address engines connect to, or {@code null} to work it out
 * @param bind the address to listen on, or {@code null} to work it out
 * @param port the port to listen on, 0 for any
 * @param timeout the longest a transfer may stall
 * @param ttl how long a value is served at most
 */
public record BulkSettings(long threshold, String host, String bind, int port, Duration timeout, Duration ttl) {

	/** Default threshold: 1 MiB, the size above which messages were chunked through the broker. */
	public static final long DEFAULT_THRESHOLD = 1024 * 1024;

	public BulkSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("jparallel.bulk.port must be in 0..65535, got " + port);
		}
		if (timeout.isNegative() || timeout.isZero() || ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("The bulk path's timeout and ttl must be positive, got " + timeout
					+ " and " + ttl);
		}
	}

	public static BulkSettings fromSystemProperties() {
		return new BulkSettings(Long.getLong("jparallel.bulk.threshold", DEFAULT_THRESHOLD),
				blankToNull(System.getProperty("jparallel.bulk.host")),
				blankToNull(System.getProperty("jparallel.bulk.bind")), Integer.getInteger("jparallel.bulk.port", 0),
				Duration.ofSeconds(Long.getLong("jparallel.bulk.timeout-seconds", 30)),
				Duration.ofSeconds(Long.getLong("jparallel.bulk.ttl-seconds", 600)));
	}

	/** Whether values of {@code size} encoded bytes take the bulk path. */
	public boolean takes(long size) {
		return this.threshold > 0 && size >= this.threshold;
	}

	public boolean enabled() {
		return this.threshold > 0;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
