package io.jparallel.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.ResultMetadata;
import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.ClusterStarter;
import io.jparallel.launcher.cluster.ConnectedCluster;
import io.jparallel.launcher.cluster.ServiceCommand;
import io.jparallel.launcher.cluster.RunningCluster;
import io.jparallel.launcher.process.ServiceProcess;
import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.broker.Waits;

/**
 * The JParallel side: starts a local cluster with its own private RabbitMQ node in a temporary profile,
 * measures each workload through the public client API, and always stops the cluster. Each workload has a
 * time limit; one that fails is recorded with its error and the next one still runs.
 */
public final class JParallelWorkloads {

	/** Key of the seconds spent waiting for the hub's audit between workloads, in total. */
	public static final String HUB_AUDIT_WAIT_S = "hub_audit_wait_s";

	private final int engines;

	private final Counts counts;

	private final Duration workloadLimit;

	private final Progress progress;

	private final Map<String, Double> metrics = new LinkedHashMap<>();

	private final Map<String, String> errors = new LinkedHashMap<>();

	/** The CPU-seconds of the running cluster's processes and of this JVM, once the cluster runs. */
	private Supplier<Map<String, Double>> cpu = Map::of;

	/** What of {@link #cpu} their JIT compiler threads used. */
	private Supplier<Map<String, Double>> jit = Map::of;

	public JParallelWorkloads(int engines, Counts counts, Duration workloadLimit, PrintStream out) {
		this.engines = engines;
		this.counts = counts;
		this.workloadLimit = workloadLimit;
		this.progress = new Progress(out, "jparallel");
	}

	public SystemResults run() {
		Map<String, Long> rssIdle = Map.of();
		Map<String, Long> rssLoad = Map.of();
		Map<String, Long> pssIdle = Map.of();
		Map<String, Long> pssLoad = Map.of();
		Map<String, Double> cpuStart = Map.of();
		Path profile;
		try {
			profile = Files.createTempDirectory("jparallel-bench-");
		}
		catch (IOException ex) {
			return SystemResults.failed("jparallel", TimeLimit.describe(ex));
		}
		trainClassDataSharing(this.progress);
		this.progress.say("starting a cluster of %d engines (private RabbitMQ node) in %s ...", this.engines, profile);
		double clientCpuBefore = ProcessCpu.ownSeconds();
		long t0 = System.nanoTime();
		ConnectedCluster started;
		try {
			// as ipyparallel's benchmark does (Cluster.start_and_connect_sync): the client connects while the
			// engines start
			started = new ClusterStarter(ThrottledLines.wrap(this.progress.out(), "waiting for engines"))
				.startAndConnect(ClusterOptions.of(this.engines).withProfileDir(profile).withBrokerUri(null));
		}
		catch (RuntimeException ex) {
			this.progress.say("cluster start FAILED: %s", TimeLimit.describe(ex));
			return SystemResults.failed("jparallel", "cluster start: " + TimeLimit.describe(ex));
		}
		// Ctrl-C must not leave the cluster running.
		RunningCluster cluster = started.cluster();
		Thread stopOnExit = new Thread(cluster::close, "jparallel-bench-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		this.cpu = () -> cpuSeconds(cluster, 0);
		this.jit = () -> jitSeconds(cluster);
		try (started) {
			Client rc = started.client();
			try {
				TimeLimit.run("first call", Duration.ofSeconds(60), () -> {
					rc.waitForEngines(this.engines, Duration.ofSeconds(60));
					return rc.all().applySync(Functions.ONE);
				});
				this.metrics.put(Metric.START_S.key(), (System.nanoTime() - t0) / 1e9);
				cpuStart = cpuSeconds(cluster, clientCpuBefore);
				this.metrics.put("registered_s", cluster.elapsed().toNanos() / 1e9);
				this.progress.say("cluster usable after %.2f s (all engines registered after %.2f s)",
						this.metrics.get(Metric.START_S.key()), this.metrics.get("registered_s"));
				this.progress.say("CPU-seconds at that moment: %s", describeCpu(cpuStart));
			}
			catch (Exception ex) {
				this.errors.put(Metric.START_S.key(), TimeLimit.describe(ex));
				this.progress.say("first call on all engines FAILED: %s", TimeLimit.describe(ex));
				return new SystemResults("jparallel", this.metrics, this.errors, rssIdle, rssLoad, pssIdle, pssLoad,
						cpuStart, Map.of());
			}
			pause(Duration.ofSeconds(1));
			rssIdle = memory(cluster, ProcessMemory::rss, ProcessMemory::treeRss);
			pssIdle = memory(cluster, ProcessMemory::pss, ProcessMemory::treePss);
			workload(Metric.DIRECT_P50_MS, () -> direct(rc));
			// each later workload starts once the hub has recorded the ones before it (see HubAuditWait)
			HubAuditWait hub = new HubAuditWait(cluster.connectionInfo().hubUrl(), this.progress);
			try (ProcessMemory.PeakSampler rss = new ProcessMemory.PeakSampler(
					() -> memory(cluster, ProcessMemory::rss, ProcessMemory::treeRss));
					ProcessMemory.PeakSampler pss = new ProcessMemory.PeakSampler(
							() -> memory(cluster, ProcessMemory::pss, ProcessMemory::treePss))) {
				hub.await(Metric.LB_TASKS_PER_S.label());
				workload(Metric.LB_TASKS_PER_S, () -> loadBalancedTasks(rc));
				hub.await(Metric.MAP1_ITEMS_PER_S.label());
				workload(Metric.MAP1_ITEMS_PER_S, () -> map(rc, Metric.MAP1_ITEMS_PER_S, this.counts.map1Items(), 1));
				hub.await(Metric.MAP_CHUNKED_ITEMS_PER_S.label());
				rssLoad = rss.peak();
				pssLoad = pss.peak();
			}
			workload(Metric.MAP_CHUNKED_ITEMS_PER_S, () -> map(rc, Metric.MAP_CHUNKED_ITEMS_PER_S,
					this.counts.mapChunkedItems(), this.counts.chunksize()));
			hub.await(Metric.PUSH_MB_PER_S.label());
			workload(Metric.PUSH_MB_PER_S, () -> pushPull(rc));
			hub.await(Metric.EXECUTE_ALL_MS.label());
			workload(Metric.EXECUTE_ALL_MS, () -> executeAll(rc));
			this.metrics.put(HUB_AUDIT_WAIT_S, hub.waited());
			workload(Metric.APPLY_ALL_DIRECT_MS, () -> applyAll(rc));
			Optional<RegistryMemory> registry = registryMemoryOnceUp(cluster);
			if (registry.isPresent()) {
				rssIdle = with(rssIdle, REGISTRY, registry.get().rss(), false);
				pssIdle = with(pssIdle, REGISTRY, registry.get().pss(), false);
				rssLoad = with(rssLoad, REGISTRY, registry.get().rss(), true);
				pssLoad = with(pssLoad, REGISTRY, registry.get().pss(), true);
			}
			this.progress.say("stopping the cluster ...");
		}
		catch (RuntimeException ex) {
			this.errors.put("run", TimeLimit.describe(ex));
			this.progress.say("FAILED: %s", TimeLimit.describe(ex));
		}
		finally {
			removeHook(stopOnExit);
			deleteQuietly(profile);
		}
		return new SystemResults("jparallel", this.metrics, this.errors, rssIdle, rssLoad, pssIdle, pssLoad, cpuStart,
				Map.of());
	}

	@FunctionalInterface
	private interface Workload {

		void run() throws Exception;

	}

	/** Runs a workload within its limit, and tells the CPU-seconds each process used during it. */
	private void workload(Metric metric, Workload workload) {
		Map<String, Double> before = this.cpu.get();
		Map<String, Double> jitBefore = this.jit.get();
		try {
			TimeLimit.run(metric.key(), this.workloadLimit, () -> {
				workload.run();
				return null;
			});
		}
		catch (Exception ex) {
			String error = TimeLimit.describe(ex);
			this.errors.put(metric.key(), error);
			this.progress.say("%s FAILED: %s", metric.label(), error);
		}
		this.progress.say("CPU-seconds during %s: %s; JIT compiling: %s", metric.label(),
				describeCpu(difference(this.cpu.get(), before)), describeCpu(difference(this.jit.get(), jitBefore)));
	}

	/** The CPU-seconds of each JVM's JIT compiler threads: the cluster's services and this JVM as the client. */
	static Map<String, Double> jitSeconds(RunningCluster cluster) {
		Map<String, Double> cpu = perService(cluster, ThreadCpu::compilerSeconds);
		cpu.put(SystemResults.CLIENT, ThreadCpu.compilerSeconds(ProcessHandle.current().pid()));
		return cpu;
	}

	/** A figure of every service process of the cluster (not its broker), by name. */
	private static Map<String, Double> perService(RunningCluster cluster, LongToDoubleFunction figure) {
		Map<String, Double> figures = new LinkedHashMap<>();
		for (ServiceProcess process : cluster.processes()) {
			figures.put(process.name(), figure.applyAsDouble(process.pid()));
		}
		return figures;
	}

	/** What each process used between {@code before} and {@code after}. */
	static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
		Map<String, Double> used = new LinkedHashMap<>();
		after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
		return used;
	}

	/** (1) Direct round trips to engine 0: warm-up, then p50 and p99. */
	private void direct(Client rc) {
		this.progress.say("direct round trip: %d warm-up + %d ...", this.counts.warmup(), this.counts.roundTrips());
		var e0 = rc.get(0);
		for (int i = 0; i < this.counts.warmup(); i++) {
			e0.applySync(Functions.NOOP);
		}
		double[] latencies = new double[this.counts.roundTrips()];
		for (int i = 0; i < latencies.length; i++) {
			long t = System.nanoTime();
			e0.applySync(Functions.NOOP);
			latencies[i] = Stats.millis(System.nanoTime() - t);
			this.progress.every("direct round trip: %d/%d", i + 1, latencies.length);
		}
		put(Metric.DIRECT_P50_MS, Stats.percentile(latencies, 50));
		put(Metric.DIRECT_P99_MS, Stats.percentile(latencies, 99));
	}

	/** (2) Load-balanced no-op tasks, all submitted, then all awaited. */
	private void loadBalancedTasks(Client rc) {
		int count = this.counts.lbTasks();
		this.progress.say("load-balanced applyAsync x%d ...", count);
		LoadBalancedView lv = rc.loadBalancedView();
		List<AsyncResult<Object>> results = new ArrayList<>(count);
		long t = System.nanoTime();
		for (int i = 0; i < count; i++) {
			results.add(lv.applyAsync(Functions.NOOP));
			this.progress.every("applyAsync: %d/%d submitted, %d outstanding", i + 1, count, rc.outstanding());
		}
		for (int i = 0; i < count; i++) {
			results.get(i).get();
			this.progress.every("applyAsync: %d/%d done", i + 1, count);
		}
		put(Metric.LB_TASKS_PER_S, Stats.perSecond(count, System.nanoTime() - t));
	}

	/** (3) and (4) Load-balanced map of mul over 0..items-1 with itself. */
	private void map(Client rc, Metric metric, int items, int chunksize) {
		this.progress.say("load-balanced map of %d items, chunksize %d ...", items, chunksize);
		List<Integer> xs = IntStream.range(0, items).boxed().toList();
		LoadBalancedView lv = rc.loadBalancedView().withChunksize(chunksize);
		long t = System.nanoTime();
		AsyncResult<List<Integer>> result = lv.mapAsync(Functions.MUL, xs, xs);
		while (!result.await(Duration.ofSeconds(3))) {
			this.progress.say("map chunksize %d: %d requests outstanding", chunksize, rc.outstanding());
		}
		List<Integer> values = result.get();
		long elapsed = System.nanoTime() - t;
		int last = items - 1;
		if (values.size() != items || values.get(last) != last * last) {
			throw new IllegalStateException("map returned " + values.size() + " items, last "
					+ (values.isEmpty() ? "none" : values.get(values.size() - 1)));
		}
		put(metric, Stats.perSecond(items, elapsed));
	}

	/** (5) Push then pull a random double[] to/from engine 0. */
	private void pushPull(Client rc) {
		int mb = this.counts.pushMb();
		this.progress.say("push and pull of a %d MB double[] ...", mb);
		double[] array = new double[mb * 1024 * 1024 / 8];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < array.length; i++) {
			array[i] = random.nextDouble();
		}
		var e0 = rc.get(0);
		long t = System.nanoTime();
		AsyncResult<Void> push = e0.push(Map.of("a", array));
		push.get();
		put(Metric.PUSH_MB_PER_S, Stats.perSecond(mb, System.nanoTime() - t));
		this.progress.say("push: %s", phases(push, t));
		t = System.nanoTime();
		AsyncResult<double[]> pull = e0.<double[]>pull("a");
		double[] pulled = pull.get();
		put(Metric.PULL_MB_PER_S, Stats.perSecond(mb, System.nanoTime() - t));
		this.progress.say("pull: %s", phases(pull, t));
		if (pulled.length != array.length || pulled[array.length - 1] != array[array.length - 1]) {
			throw new IllegalStateException("pulled array differs from the pushed one");
		}
		e0.push(Map.of("a", new double[0])).get();
	}

	/**
	 * Where one request's time went, from its reply metadata: in the client (encoding before it submitted the
	 * request, decoding after the reply arrived), on the way to the engine, on the engine (a push's bulk fetch
	 * included), and from the engine's completion to the reply's arrival (a pull's bulk upload included).
	 */
	private static String phases(AsyncResult<?> result, long startedNanos) {
		ResultMetadata m = result.metadata().get(0);
		long total = (System.nanoTime() - startedNanos) / 1_000_000;
		if (m.started() == null || m.completed() == null || m.received() == null) {
			return total + " ms (no engine timestamps)";
		}
		long toEngine = Duration.between(m.submitted(), m.started()).toMillis();
		long onEngine = Duration.between(m.started(), m.completed()).toMillis();
		long back = Duration.between(m.completed(), m.received()).toMillis();
		return String.format("%d ms: %d in the client (encoding, decoding), %d to the engine, %d on it, %d back",
				total, total - toEngine - onEngine - back, toEngine, onEngine, back);
	}

	/** (6) The same trivial snippet on every engine: median of the repetitions after a warm-up. */
	private void executeAll(Client rc) {
		this.progress.say("execute on all engines: %d warm-up + %d ...", this.counts.executeWarmup(),
				this.counts.executeReps());
		var all = rc.all();
		for (int i = 0; i < this.counts.executeWarmup(); i++) {
			all.execute("int x = 1;").get();
		}
		double[] times = new double[this.counts.executeReps()];
		for (int i = 0; i < times.length; i++) {
			long t = System.nanoTime();
			all.execute("int x = 1;").get();
			times[i] = Stats.millis(System.nanoTime() - t);
		}
		put(Metric.EXECUTE_ALL_MS, Stats.median(times));
	}

	/** (7) A no-op on every engine, through a DirectView (one request per engine) and a BroadcastView (one in all). */
	private void applyAll(Client rc) {
		int reps = Math.max(1, this.counts.roundTrips() / 5);
		this.progress.say("apply on all engines, direct and broadcast: %d warm-up + %d each ...", this.counts.warmup(), reps);
		put(Metric.APPLY_ALL_DIRECT_MS, medianApplyAll(rc.all(), reps));
		put(Metric.APPLY_ALL_BROADCAST_MS, medianApplyAll(rc.broadcastView(), reps));
	}

	private double medianApplyAll(io.jparallel.client.DirectView view, int reps) {
		for (int i = 0; i < this.counts.warmup(); i++) {
			view.applySync(Functions.NOOP);
		}
		double[] times = new double[reps];
		for (int i = 0; i < reps; i++) {
			long t = System.nanoTime();
			view.applySync(Functions.NOOP);
			times[i] = Stats.millis(System.nanoTime() - t);
		}
		return Stats.median(times);
	}

	private void put(Metric metric, double value) {
		this.metrics.put(metric.key(), value);
		this.progress.say("%s: %s %s", metric.label(), Format.number(value), metric.unit());
	}

	/** The registry's process name. */
	private static final String REGISTRY = "registry";

	/** The registry's RSS and PSS in bytes. */
	private record RegistryMemory(long rss, long pss) {
	}

	/**
	 * The registry's memory once it listens, at most a minute from now; empty if it does not. It holds its start
	 * until the machine is quiet (its {@code QuietStart}), so at the idle reading a second after the start it is
	 * a JVM that has not loaded Spring yet: its idle figures are read here, after the workloads, and count for
	 * its peak under load too if larger.
	 */
	private Optional<RegistryMemory> registryMemoryOnceUp(RunningCluster cluster) {
		Optional<ServiceProcess> registry = cluster.processes().stream()
			.filter((process) -> process.name().equals(REGISTRY))
			.findFirst();
		if (registry.isEmpty()) {
			return Optional.empty();
		}
		int port = URI.create(cluster.connectionInfo().registryUrl()).getPort();
		if (!Waits.until(() -> FreePorts.isListening(port), Duration.ofMinutes(1), Duration.ofMillis(250))) {
			this.progress.say("the registry did not listen within a minute: its memory is that of its JVM waiting to start");
			return Optional.empty();
		}
		pause(Duration.ofSeconds(1));
		long pid = registry.get().pid();
		RegistryMemory memory = new RegistryMemory(ProcessMemory.rss(pid), ProcessMemory.pss(pid));
		this.progress.say("registry listening: RSS %.0f MiB, PSS %.0f MiB (its idle figures)", memory.rss() / 1048576.0,
				memory.pss() / 1048576.0);
		return Optional.of(memory);
	}

	/** {@code bytes} with {@code name}'s entry set to {@code value}, or to the larger of both if {@code max}. */
	static Map<String, Long> with(Map<String, Long> bytes, String name, long value, boolean max) {
		Map<String, Long> copy = new LinkedHashMap<>(bytes);
		copy.merge(name, value, (old, now) -> max ? Math.max(old, now) : now);
		return copy;
	}

	/**
	 * One memory figure of every cluster process by name ({@code tree} for the broker's whole process tree),
	 * and of this JVM as the client.
	 */
	static Map<String, Long> memory(RunningCluster cluster, LongUnaryOperator single, LongUnaryOperator tree) {
		Map<String, Long> bytes = new LinkedHashMap<>();
		for (ServiceProcess process : cluster.processes()) {
			bytes.put(process.name(), single.applyAsLong(process.pid()));
		}
		cluster.broker().ifPresent(broker -> bytes.put("rabbitmq", tree.applyAsLong(broker.pid())));
		bytes.put(SystemResults.CLIENT, single.applyAsLong(ProcessHandle.current().pid()));
		return bytes;
	}

	/**
	 * CPU-seconds of every cluster process by name, the broker's whole process tree, and as the client what this
	 * JVM's own threads used since {@code clientBefore} ({@link ProcessCpu#ownSeconds()} when the start began).
	 */
	static Map<String, Double> cpuSeconds(RunningCluster cluster, double clientBefore) {
		Map<String, Double> cpu = perService(cluster, ProcessCpu::seconds);
		cluster.broker().ifPresent(broker -> cpu.put("rabbitmq", ProcessCpu.treeSeconds(broker.pid())));
		cpu.put(SystemResults.CLIENT, ProcessCpu.ownSeconds() - clientBefore);
		return cpu;
	}

	/** "hub 3.1, engine-0 2.0, ..., total 12.3 (client 4.0)" for the console. */
	static String describeCpu(Map<String, Double> cpu) {
		StringBuilder text = new StringBuilder();
		cpu.forEach((name, seconds) -> {
			if (!name.equals(SystemResults.CLIENT)) {
				text.append(name).append(' ').append(Format.number(seconds)).append(", ");
			}
		});
		double total = cpu.entrySet().stream().filter(e -> !e.getKey().equals(SystemResults.CLIENT))
			.mapToDouble(Map.Entry::getValue).sum();
		text.append("total ").append(Format.number(total));
		if (cpu.containsKey(SystemResults.CLIENT)) {
			text.append(" (client ").append(Format.number(cpu.get(SystemResults.CLIENT))).append(')');
		}
		return text.toString();
	}

	static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: the hook runs
		}
	}

	/**
	 * A first start after a build records each service's class data sharing archive when it stops;
	 * users pay that once per build, so it is done here untimed, as ipyparallel's byte-compiled
	 * modules come ready from its package.
	 */
	static void trainClassDataSharing(Progress progress) {
		ServiceCommand command = new ServiceCommand(ServiceCommand.defaultJava(), ClusterOptions.defaultHome(),
				null, List.of());
		if (command.hasFreshArchives()) {
			return;
		}
		progress.say("no class data sharing archives for this build: one untimed start and stop to record them ...");
		try {
			Path dir = Files.createTempDirectory("jparallel-bench-training-");
			try (RunningCluster training = new ClusterStarter(ThrottledLines.wrap(progress.out(), "training"))
				.start(ClusterOptions.of(1).withProfileDir(dir).withBrokerUri(null));
					Client rc = Client.connect(training.clientFile())) {
				// a user's first session compiles snippets before it stops, and the engine's archive then holds
				// javac's and JShell's classes too (its warm-up loads ~900 of them): so does the training's
				rc.waitForEngines(1, Duration.ofSeconds(60));
				rc.get(0).execute("int trained = 1;").get();
				progress.say("training cluster up and used after %.1f s; stopping it",
						training.elapsed().toNanos() / 1e9);
			}
		}
		catch (IOException | RuntimeException ex) {
			progress.say("training start failed (%s); measuring without archives", TimeLimit.describe(ex));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | RuntimeException ex) {
			// a temp dir left behind is harmless
		}
	}

}
