package io.jparallel.launcher.cluster;

import java.util.List;

/**
 * The four kinds of process of a cluster: where their jar is and how much JVM they get. Control services
 * get a small heap and C1 only (they mostly wait on I/O and must start fast); engines get a bigger heap
 * and C2, since they run user code.
 */
public enum ServiceKind {

	REGISTRY("registry-service", "io.jparallel.registry.RegistryApplication", Defaults.withInitialHeap(Defaults.SERVICE, 64),
			false),

	HUB("hub-service", "io.jparallel.hub.HubApplication",
			Defaults.withYoungGeneration(
					Defaults.withMaxHeap(Defaults.withInitialHeap(Defaults.SERVICE, 128), 384), 16, 128),
			true),

	SCHEDULER("scheduler-service", "io.jparallel.scheduler.SchedulerApplication",
			Defaults.withInitialHeap(Defaults.MESSAGE_PATH, 64), true),

	ENGINE("engine-service", "io.jparallel.engine.EngineApplication", Defaults.ENGINE, true);

	private final String module;

	private final String mainClass;

	private final List<String> defaultJvmOptions;

	private final boolean aot;

	ServiceKind(String module, String mainClass, List<String> defaultJvmOptions, boolean aot) {
		this.module = module;
		this.mainClass = mainClass;
		this.defaultJvmOptions = defaultJvmOptions;
		this.aot = aot;
	}

	/** Maven module, also the name of its jar in {@code <module>/target/}. */
	public String module() {
		return this.module;
	}

	public String mainClass() {
		return this.mainClass;
	}

	public List<String> defaultJvmOptions() {
		return this.defaultJvmOptions;
	}

	/**
	 * Whether the module's build writes its application context with Spring AOT ({@code process-aot}): an
	 * engine's start went from 1.9-2.2 to 1.5-1.7 CPU-seconds, the hub's from 4.1-4.5 to 3.1-3.4, the
	 * scheduler's from 4.2-4.5 to 3.1-3.6. Not the registry: under AOT the Netflix Eureka server answered every
	 * call with a NullPointerException (its response cache was never set up). See
	 * {@link ServiceCommand#aheadOfTime}.
	 */
	public boolean aot() {
		return this.aot;
	}

	private static final class Defaults {

		/**
		 * The heap a service starts with, near the size it settles at once started. From the default (a 64th
		 * of MaxRAM, 16 MiB) the hub made 33 young and 4 full collections while starting, copying its Spring
		 * context again and again: 2.9 s of its start in GC, the registry 1.3 s, the scheduler 1.0 s.
		 */
		static List<String> withInitialHeap(List<String> options, int megabytes) {
			return join(options, List.of("-Xms" + megabytes + "m"));
		}

		/**
		 * A young generation that starts small and grows with the load. Serial sizes the young generation from
		 * the initial heap (a third of it) and resizes it only after a full collection, in proportion to the old
		 * generation. The hub's 43 MiB young generation of {@code -Xms128m} was touched whole while starting and
		 * stayed resident while idle; with 16 MiB it is 246-249 MiB resident a second after start against 264-266,
		 * and under load its first full collections grow the young generation towards its limit: over 15,000
		 * load-balanced tasks it made 5 full collections and spent 4.5 s in GC, against 6 and 5.0 s before.
		 */
		static List<String> withYoungGeneration(List<String> options, int initialMegabytes, int maxMegabytes) {
			return join(options,
					List.of("-XX:NewSize=" + initialMegabytes + "m", "-XX:MaxNewSize=" + maxMegabytes + "m"));
		}

		/**
		 * A larger heap limit than {@link #SERVICE}'s. The hub holds 75-100 MiB live while it audits a
		 * load-balanced map; at 160 MiB it made 41 full collections in the benchmark's workloads, 6.5 s of
		 * pauses on a 2-core machine (seen with {@code -Xlog:gc}). Pages beyond what it uses stay unmapped.
		 */
		static List<String> withMaxHeap(List<String> options, int megabytes) {
			List<String> withHeap = new java.util.ArrayList<>(options);
			withHeap.removeIf(option -> option.startsWith("-Xmx"));
			withHeap.add("-Xmx" + megabytes + "m");
			return List.copyOf(withHeap);
		}

		/**
		 * Control services: C1 only, and only for code twice as warm as its default thresholds (code run a few
		 * hundred times while starting is cheaper to interpret than to compile).
		 */
		static final List<String> SERVICE = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-XX:CompileThresholdScaling=2", "-Xss512k", "-XX:MaxRAM=1g", "-Xmx160m");

		/**
		 * C2 only for code five times hotter than its default thresholds: the code a service runs once while
		 * starting stays in C1 (an engine's start CPU went from 2.5 to 2.0 CPU-seconds, the scheduler's C2
		 * compiler thread spent 2.05 of its 4.46), while a hot loop still reaches C2 within a fraction of a
		 * millisecond, with the SHA-256 intrinsics that make verifying signatures cheap. Raising C1's thresholds
		 * too ({@code CompileThresholdScaling=3}) cut another 0.3-0.5 CPU-s per engine and 0.5-0.9 of the
		 * scheduler's start, but the first thousand direct round trips after a start then took 1.77-2.00 ms (p50)
		 * against 1.50-1.62: their path stayed interpreted three times longer.
		 */
		static final List<String> LATE_C2 = List.of("-XX:Tier4InvocationThreshold=25000",
				"-XX:Tier4MinInvocationThreshold=3000", "-XX:Tier4CompileThreshold=75000",
				"-XX:Tier4BackEdgeThreshold=200000");

		/**
		 * C2 only for code twenty times hotter than its default thresholds. The scheduler's C2 compiler thread
		 * spent 0.83 of the 1.76 CPU-s the scheduler used over 30,000 load-balanced tasks with {@link #LATE_C2}
		 * (its message path, a deep stack of broker client and listener code, crossing the thresholds one
		 * method after another). With these it used 1.0-1.1 CPU-s over the benchmark's sequence against 1.3-1.5
		 * (C1 only: 1.0), and SHA-256, called per 64-byte block of every signature it checks, still reaches C2
		 * and its intrinsics (C1 hashes ten times slower: a 1 MiB message would cost 6 ms).
		 */
		static final List<String> HOTTEST_C2 = List.of("-XX:Tier4InvocationThreshold=100000",
				"-XX:Tier4MinInvocationThreshold=12000", "-XX:Tier4CompileThreshold=300000",
				"-XX:Tier4BackEdgeThreshold=800000");

		/** On every request's path: C2 for the hottest code. */
		static final List<String> MESSAGE_PATH = join(List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=1g",
				"-Xmx256m"), HOTTEST_C2);

		/**
		 * Lets an engine suspend the class indexing JShell starts for code completion, which engines never use
		 * (engine-service's {@code SnippetBoundaries}): 0.15-0.2 CPU-seconds per engine.
		 */
		static final String JSHELL_OPEN = "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED";

		/**
		 * Engines run user code, with C2 for what is hot. Their heap is reserved at 256 MiB, with a young
		 * generation of 10 to 32 MiB: the JShell warm-up and a 100 MB value then fit without the full collections
		 * that grew a 32 MiB heap step by step (one of 81-124 ms per engine in its warm-up, and three of 70-90 ms
		 * in a 100 MB push and pull, seen with {@code -Xlog:gc}). The old generation's pages are only resident
		 * once used: an engine's RSS is 132-135 MiB a second after start as before (150 with a fixed 32 MiB young
		 * generation) and 181-186 MiB after the warm-up, against 193-205.
		 */
		static final List<String> ENGINE = join(List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=1g", "-Xms256m",
				"-XX:NewSize=10m", "-XX:MaxNewSize=32m", "-Xmx2g", JSHELL_OPEN), LATE_C2);

		private static List<String> join(List<String> first, List<String> second) {
			List<String> joined = new java.util.ArrayList<>(first);
			joined.addAll(second);
			return List.copyOf(joined);
		}

	}

}
