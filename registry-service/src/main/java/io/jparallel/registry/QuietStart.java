package io.jparallel.registry;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Holds a background registry's start until the machine's cores are mostly idle, for at most a given time.
 * <p>
 * {@code jpcluster} starts the registry once a cluster is usable, and nothing waits on it: services list
 * themselves there at their next lease renewal. Its start is 3.6-4.5 CPU-seconds of Eureka server, and even
 * under {@code SCHED_IDLE} it took them from a user's first calls: 1,000 direct round trips made right after a
 * start had a p50 of 5.2-7.0 ms and a p99 of 20.5-25.6 ms with the registry starting, against 4.3-5.9 and
 * 17.6-21.6 with its start held here (four alternated pairs, each better). Held before Spring is loaded, the
 * JVM costs next to nothing while it waits.
 * <p>
 * Off unless {@value #PROPERTY} gives the longest wait in seconds ({@code jpcluster} sets it; under
 * Kubernetes the registry starts at once).
 */
final class QuietStart {

	/** System property: the longest the registry's start is held, in seconds; absent or 0 for none. */
	static final String PROPERTY = "jparallel.registry.start-when-quiet";

	/** Above this share of the machine's CPU in use the machine is busy (half of it: one core of two). */
	static final double MOST_BUSY = 0.5;

	/**
	 * How many polls in a row must find the machine quiet: 3 s. A second's pause between a user's calls (the
	 * benchmark makes one before its round trips) is not the end of their work; with two polls the registry
	 * started in it once in four runs and took 3.44 CPU-seconds from the round trips after it.
	 */
	static final int QUIET_POLLS = 6;

	private final Duration longest;

	private final Duration poll;

	private final DoubleSupplier hostCpuLoad;

	QuietStart(Duration longest, Duration poll, DoubleSupplier hostCpuLoad) {
		this.longest = longest;
		this.poll = poll;
		this.hostCpuLoad = hostCpuLoad;
	}

	/** From {@value #PROPERTY}; polls every half second. */
	static QuietStart fromSystemProperties() {
		return fromProperty(System.getProperty(PROPERTY), System.out);
	}

	/**
	 * @param seconds the property's value; a value that is not a whole number of seconds is reported on
	 * {@code out} and the registry starts at once
	 */
	static QuietStart fromProperty(String seconds, PrintStream out) {
		long longest = 0;
		if (seconds != null && !seconds.isBlank()) {
			try {
				longest = Math.max(0, Long.parseLong(seconds.trim()));
			}
			catch (NumberFormatException ex) {
				out.println("Registry start: " + PROPERTY + "=" + seconds + " is not a number of seconds; starting at once");
			}
		}
		return new QuietStart(Duration.ofSeconds(longest), Duration.ofMillis(500), QuietStart::hostCpuLoad);
	}

	/**
	 * Returns once {@link #QUIET_POLLS} polls in a row found the machine's CPU below {@link #MOST_BUSY}, or
	 * after the longest wait; says which on {@code out}. Returns at once if there is no longest wait.
	 * @return how long it held the start
	 */
	Duration await(PrintStream out) throws InterruptedException {
		if (this.longest.isZero()) {
			return Duration.ZERO;
		}
		long started = System.nanoTime();
		long deadline = started + this.longest.toNanos();
		this.hostCpuLoad.getAsDouble();
		int quiet = 0;
		double load = 0;
		while (quiet < QUIET_POLLS) {
			if (System.nanoTime() - deadline >= 0) {
				out.printf(Locale.ROOT, "Registry start: the machine still busy after %d s (%.0f %% of its CPU), starting anyway%n",
						this.longest.toSeconds(), load * 100);
				return Duration.ofNanos(System.nanoTime() - started);
			}
			Thread.sleep(this.poll.toMillis());
			load = this.hostCpuLoad.getAsDouble();
			quiet = (load < MOST_BUSY) ? quiet + 1 : 0;
		}
		Duration held = Duration.ofNanos(System.nanoTime() - started);
		out.printf(Locale.ROOT, "Registry start held %.1f s, until the machine was quiet (%.0f %% of its CPU)%n",
				held.toNanos() / 1e9, load * 100);
		return held;
	}

	/** The machine's CPU in use since the last call, 0 to 1 (0 if the JVM cannot tell). */
	private static double hostCpuLoad() {
		java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return (os instanceof com.sun.management.OperatingSystemMXBean sun) ? Math.max(0, sun.getCpuLoad()) : 0;
	}

}
