package io.jparallel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.ClusterStarter;
import io.jparallel.launcher.cluster.RunningCluster;

/**
 * The scale part ({@code --only scale}, not in the default run: it takes minutes): one JParallel cluster of
 * many engines with small heaps on this machine. Measures the time until every engine registered and until
 * every engine answered a call, each process's CPU-seconds at that moment and its RSS and PSS, then a
 * load-balanced map over 100 items per engine and a DirectView apply on all engines, and stops the cluster.
 */
public final class ScaleBenchmark {

	/** Small engine heaps, so that many engines fit in the machine's memory; appended after the engine defaults. */
	static final List<String> ENGINE_JVM_OPTIONS = List.of("-Xms16m", "-Xmx64m");

	private static final int ITEMS_PER_ENGINE = 100;

	private static final int APPLY_ALL_REPS = 11;

	private final int engines;

	private final Progress progress;

	private final Map<String, String> errors = new LinkedHashMap<>();

	public ScaleBenchmark(int engines, java.io.PrintStream out) {
		this.engines = engines;
		this.progress = new Progress(out, "scale");
	}

	public ScaleResults run() {
		Path profile;
		try {
			profile = Files.createTempDirectory("jparallel-scale-");
		}
		catch (IOException ex) {
			return failed(loadAverage(), "profile", TimeLimit.describe(ex));
		}
		JParallelWorkloads.trainClassDataSharing(this.progress);
		String loadBefore = loadAverage();
		// on 2 shared cores, N engine JVMs start at some CPU-seconds each: give the start time
		Duration startLimit = Duration.ofSeconds(120 + 20L * this.engines);
		this.progress.say("starting a cluster of %d engines (engine JVM options %s, private RabbitMQ node) in %s; "
				+ "load average %s; limit %d s ...", this.engines, ENGINE_JVM_OPTIONS, profile, loadBefore,
				startLimit.toSeconds());
		double clientCpuBefore = ProcessCpu.ownSeconds();
		long t0 = System.nanoTime();
		RunningCluster cluster;
		try {
			cluster = new ClusterStarter(ThrottledLines.wrap(this.progress.out(), "waiting for engines"))
				.start(ClusterOptions.of(this.engines)
					.withProfileDir(profile)
					.withBrokerUri(null)
					.withTimeout(startLimit)
					.withEngineJvmOptions(ENGINE_JVM_OPTIONS));
		}
		catch (RuntimeException ex) {
			this.progress.say("cluster start FAILED: %s", TimeLimit.describe(ex));
			JParallelWorkloads.deleteQuietly(profile);
			return failed(loadBefore, "start", TimeLimit.describe(ex));
		}
		double registered = cluster.elapsed().toNanos() / 1e9;
		this.progress.say("all %d engines registered after %.1f s", this.engines, registered);
		Thread stopOnExit = new Thread(cluster::close, "jparallel-scale-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		double usable = Double.NaN;
		Map<String, Double> cpu = Map.of();
		Map<String, Long> rssIdle = Map.of();
		Map<String, Long> pssIdle = Map.of();
		Map<String, Long> rssAfter = Map.of();
		Map<String, Long> pssAfter = Map.of();
		int items = this.engines * ITEMS_PER_ENGINE;
		double mapS = Double.NaN;
		List<Double> applyAll = new ArrayList<>();
		double stopS = Double.NaN;
		try (Client rc = Client.connect(cluster.clientFile())) {
			try {
				TimeLimit.run("first call", Duration.ofSeconds(300), () -> {
					rc.waitForEngines(this.engines, Duration.ofSeconds(300));
					return rc.all().applySync(Functions.ONE);
				});
				usable = (System.nanoTime() - t0) / 1e9;
				cpu = JParallelWorkloads.cpuSeconds(cluster, clientCpuBefore);
				this.progress.say("every engine answered a call after %.1f s; CPU-seconds so far: %s", usable,
						describeCpu(cpu));
			}
			catch (Exception ex) {
				this.errors.put("first call", TimeLimit.describe(ex));
				this.progress.say("first call on all engines FAILED: %s", TimeLimit.describe(ex));
			}
			pause(Duration.ofSeconds(2));
			rssIdle = JParallelWorkloads.memory(cluster, ProcessMemory::rss, ProcessMemory::treeRss);
			pssIdle = JParallelWorkloads.memory(cluster, ProcessMemory::pss, ProcessMemory::treePss);
			this.progress.say("idle: RSS %s MiB, PSS %s MiB in all", mib(ScaleResults.total(rssIdle).orElse(0.0)),
					mib(ScaleResults.total(pssIdle).orElse(0.0)));
			try {
				mapS = TimeLimit.run("map", Duration.ofSeconds(600), () -> map(rc, items));
				this.progress.say("load-balanced map of %d items: %.1f s (%s items/s)", items, mapS,
						Format.number(items / mapS));
			}
			catch (Exception ex) {
				this.errors.put("map", TimeLimit.describe(ex));
				this.progress.say("map FAILED: %s", TimeLimit.describe(ex));
			}
			try {
				TimeLimit.run("apply on all", Duration.ofSeconds(300), () -> {
					for (int i = 0; i < APPLY_ALL_REPS; i++) {
						long t = System.nanoTime();
						rc.all().applySync(Functions.NOOP);
						applyAll.add(Stats.millis(System.nanoTime() - t));
					}
					return null;
				});
				this.progress.say("DirectView apply on all %d engines: first %.1f ms, then %s ms", this.engines,
						applyAll.get(0), applyAll.subList(1, applyAll.size()).stream().map(Format::number).toList());
			}
			catch (Exception ex) {
				this.errors.put("apply on all", TimeLimit.describe(ex));
				this.progress.say("apply on all FAILED: %s", TimeLimit.describe(ex));
			}
			rssAfter = JParallelWorkloads.memory(cluster, ProcessMemory::rss, ProcessMemory::treeRss);
			pssAfter = JParallelWorkloads.memory(cluster, ProcessMemory::pss, ProcessMemory::treePss);
		}
		catch (RuntimeException ex) {
			this.errors.put("run", TimeLimit.describe(ex));
			this.progress.say("FAILED: %s", TimeLimit.describe(ex));
		}
		String loadAfter = loadAverage();
		this.progress.say("stopping the cluster (load average %s) ...", loadAfter);
		long stopping = System.nanoTime();
		try {
			cluster.close();
			stopS = (System.nanoTime() - stopping) / 1e9;
		}
		catch (RuntimeException ex) {
			this.errors.put("stop", TimeLimit.describe(ex));
		}
		finally {
			JParallelWorkloads.removeHook(stopOnExit);
			JParallelWorkloads.deleteQuietly(profile);
		}
		return new ScaleResults(this.engines, ENGINE_JVM_OPTIONS, registered, usable, cpu, rssIdle, pssIdle, rssAfter,
				pssAfter, items, mapS, applyAll, stopS, loadBefore, loadAfter, this.errors);
	}

	private double map(Client rc, int items) {
		List<Integer> xs = IntStream.range(0, items).boxed().toList();
		long t = System.nanoTime();
		AsyncResult<List<Integer>> result = rc.loadBalancedView().mapAsync(Functions.MUL, xs, xs);
		while (!result.await(Duration.ofSeconds(5))) {
			this.progress.say("map: %d requests outstanding", rc.outstanding());
		}
		List<Integer> values = result.get();
		double seconds = (System.nanoTime() - t) / 1e9;
		int last = items - 1;
		if (values.size() != items || values.get(last) != last * last) {
			throw new IllegalStateException("map returned " + values.size() + " items");
		}
		return seconds;
	}

	private String describeCpu(Map<String, Double> cpu) {
		List<Double> engineCpu = ScaleResults.engineValues(cpu);
		return String.format(java.util.Locale.ROOT, "registry %.1f, hub %.1f, scheduler %.1f, rabbitmq %.1f, "
				+ "engines median %.2f / max %.2f / sum %.1f, total %.1f", cpu.getOrDefault("registry", 0.0),
				cpu.getOrDefault("hub", 0.0), cpu.getOrDefault("scheduler", 0.0), cpu.getOrDefault("rabbitmq", 0.0),
				engineCpu.isEmpty() ? Double.NaN : Stats.median(engineCpu),
				engineCpu.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
				engineCpu.stream().mapToDouble(Double::doubleValue).sum(), ScaleResults.total(cpu).orElse(Double.NaN));
	}

	private static String mib(double bytes) {
		return Format.number(bytes / (1024.0 * 1024.0));
	}

	private ScaleResults failed(String loadBefore, String step, String error) {
		this.errors.put(step, error);
		return new ScaleResults(this.engines, ENGINE_JVM_OPTIONS, Double.NaN, Double.NaN, Map.of(), Map.of(), Map.of(),
				Map.of(), Map.of(), this.engines * ITEMS_PER_ENGINE, Double.NaN, List.of(), Double.NaN, loadBefore,
				loadAverage(), this.errors);
	}

	/** The first three fields of {@code /proc/loadavg}: the load average over 1, 5 and 15 minutes. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return String.join(" / ", fields[0], fields[1], fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
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

}
