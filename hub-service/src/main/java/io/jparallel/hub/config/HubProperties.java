package io.jparallel.hub.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the hub, under {@code jparallel}. The launcher passes the connection file and the
 * profile directory; the rest has defaults suited to a local cluster.
 */
@ConfigurationProperties("jparallel")
public class HubProperties {

	/**
	 * The engine connection file: cluster id, broker URI and the cluster's key.
	 */
	private final Path connectionFile;

	/**
	 * The profile directory; the hub's database lives in its {@code db} folder.
	 */
	private final Path profileDir;

	/**
	 * The heart monitor.
	 */
	private final Heartbeat heartbeat;

	/**
	 * The audit of all traffic.
	 */
	private final Audit audit;

	public HubProperties(Path connectionFile, Path profileDir, @DefaultValue Heartbeat heartbeat,
			@DefaultValue Audit audit) {
		if (connectionFile == null) {
			throw new IllegalArgumentException(
					"jparallel.connection-file is required: the engine connection file of the cluster");
		}
		this.connectionFile = connectionFile;
		this.profileDir = profileDir;
		this.heartbeat = heartbeat;
		this.audit = audit;
	}

	public Path getConnectionFile() {
		return this.connectionFile;
	}

	public Path getProfileDir() {
		return this.profileDir;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/** Heart monitor settings. */
	public static class Heartbeat {

		/**
		 * How often engines beat, and how often the hub looks for silent engines.
		 */
		private final Duration period;

		/**
		 * How long an engine may stay silent before the hub declares it dead: the period times
		 * {@code missed-beats}, unless given itself.
		 */
		private final Duration timeout;

		/**
		 * How many beats in a row an engine may miss before the hub declares it dead.
		 */
		private final int missedBeats;

		/**
		 * How often the last heartbeat of each engine is written to the database.
		 */
		private final Duration flushInterval;

		public Heartbeat(@DefaultValue("1s") Duration period, Duration timeout, @DefaultValue("5") int missedBeats,
				@DefaultValue("5s") Duration flushInterval) {
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("jparallel.heartbeat.period must be positive, was " + period);
			}
			if (missedBeats < 2) {
				throw new IllegalArgumentException("jparallel.heartbeat.missed-beats must be at least 2, was " + missedBeats
						+ ", or live engines would be declared dead");
			}
			this.missedBeats = missedBeats;
			timeout = (timeout != null) ? timeout : period.multipliedBy(missedBeats);
			if (timeout.compareTo(period.multipliedBy(2)) < 0) {
				throw new IllegalArgumentException("jparallel.heartbeat.timeout (" + timeout
						+ ") must be at least twice the period (" + period + "), or live engines would be declared dead");
			}
			if (flushInterval.isNegative() || flushInterval.isZero()) {
				throw new IllegalArgumentException(
						"jparallel.heartbeat.flush-interval must be positive, was " + flushInterval);
			}
			this.period = period;
			this.timeout = timeout;
			this.flushInterval = flushInterval;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public int getMissedBeats() {
			return this.missedBeats;
		}

		public Duration getFlushInterval() {
			return this.flushInterval;
		}

	}

	/** Audit settings. */
	public static class Audit {

		/**
		 * Most deliveries from the audit queue written to the database in one transaction (and acknowledged
		 * together once it commits).
		 */
		private final int batchSize;

		/**
		 * How many task records the audit keeps.
		 */
		private final Retention retention;

		public Audit(@DefaultValue("500") int batchSize, @DefaultValue Retention retention) {
			if (batchSize < 1 || batchSize > 10_000) {
				throw new IllegalArgumentException("jparallel.audit.batch-size must be 1-10000, was " + batchSize);
			}
			this.batchSize = batchSize;
			this.retention = retention;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public Retention getRetention() {
			return this.retention;
		}

	}

	/**
	 * Caps on the audit's records: beyond either, the oldest completed records are deleted (pending ones
	 * never are).
	 */
	public static class Retention {

		/**
		 * Most task records kept.
		 */
		private final long maxRecords;

		/**
		 * Most bytes of signed requests and replies kept (both counted).
		 */
		private final DataSize maxBytes;

		/**
		 * How often the caps are checked.
		 */
		private final Duration interval;

		public Retention(@DefaultValue("1000000") long maxRecords, @DefaultValue("2GB") DataSize maxBytes,
				@DefaultValue("1m") Duration interval) {
			if (maxRecords < 1) {
				throw new IllegalArgumentException(
						"jparallel.audit.retention.max-records must be positive, was " + maxRecords);
			}
			if (maxBytes.toBytes() < 1) {
				throw new IllegalArgumentException("jparallel.audit.retention.max-bytes must be positive, was " + maxBytes);
			}
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("jparallel.audit.retention.interval must be positive, was " + interval);
			}
			this.maxRecords = maxRecords;
			this.maxBytes = maxBytes;
			this.interval = interval;
		}

		public long getMaxRecords() {
			return this.maxRecords;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public Duration getInterval() {
			return this.interval;
		}

	}

}
