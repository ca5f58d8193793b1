package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scale part measured on one cluster of many engines. Per-process figures are keyed by process name
 * ({@code registry}, {@code hub}, {@code scheduler}, {@code engine-N}, {@code rabbitmq}, {@code client}).
 *
 * @param engines how many engines the cluster had
 * @param engineJvmOptions the JVM options given to the engines only
 * @param registeredS from the start call until every engine had registered with the hub
 * @param usableS from the start call until every engine had answered one call
 * @param cpuStart CPU-seconds of each process when the cluster became usable
 * @param rssIdle RSS in bytes of each process, idle after the start
 * @param pssIdle PSS in bytes of each process, idle after the start
 * @param rssAfter RSS in bytes of each process after the workloads
 * @param pssAfter PSS in bytes of each process after the workloads
 * @param mapItems items of the load-balanced map (chunksize 1)
 * @param mapS how long that map took
 * @param applyAllMs DirectView apply of a no-op on all engines: each repetition's time, the first one cold
 * @param stopS how long stopping the cluster took
 * @param loadBefore the load average (1, 5, 15 min) before the start
 * @param loadAfter the load average after the workloads
 * @param errors what failed, by step
 */
public record ScaleResults(int engines, List<String> engineJvmOptions, double registeredS, double usableS,
		Map<String, Double> cpuStart, Map<String, Long> rssIdle, Map<String, Long> pssIdle, Map<String, Long> rssAfter,
		Map<String, Long> pssAfter, int mapItems, double mapS, List<Double> applyAllMs, double stopS,
		String loadBefore, String loadAfter, Map<String, String> errors) {

	public ScaleResults {
		engineJvmOptions = List.copyOf(engineJvmOptions);
		cpuStart = new LinkedHashMap<>(cpuStart);
		rssIdle = new LinkedHashMap<>(rssIdle);
		pssIdle = new LinkedHashMap<>(pssIdle);
		rssAfter = new LinkedHashMap<>(rssAfter);
		pssAfter = new LinkedHashMap<>(pssAfter);
		applyAllMs = List.copyOf(applyAllMs);
		errors = new LinkedHashMap<>(errors);
	}

	/** Whether {@code name} is one of the engines. */
	static boolean isEngine(String name) {
		return name.startsWith("engine-");
	}

	/** The engines' figures of one per-process map, in engine order. */
	static <T extends Number> List<Double> engineValues(Map<String, T> byProcess) {
		return byProcess.entrySet()
			.stream()
			.filter(e -> isEngine(e.getKey()))
			.map(e -> e.getValue().doubleValue())
			.toList();
	}

	/** The sum over every process of the cluster (the benchmark's own client left out). */
	static <T extends Number> Optional<Double> total(Map<String, T> byProcess) {
		double sum = byProcess.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals(SystemResults.CLIENT))
			.mapToDouble(e -> e.getValue().doubleValue())
			.sum();
		return byProcess.isEmpty() ? Optional.empty() : Optional.of(sum);
	}

}
