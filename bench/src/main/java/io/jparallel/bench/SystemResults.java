package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one system measured: figures by {@link Metric#key()}, errors of failed workloads by the same keys,
 * the RSS and PSS in bytes of each of its processes idle and under load (peak), the CPU-seconds each process
 * had consumed when the cluster became usable, and its versions. The Python script emits the same shape as
 * JSON, so both systems go through one report.
 */
public record SystemResults(String system, Map<String, Double> metrics, Map<String, String> errors,
		Map<String, Long> rssIdle, Map<String, Long> rssLoad, Map<String, Long> pssIdle, Map<String, Long> pssLoad,
		Map<String, Double> cpuStart, Map<String, String> versions) {

	/** Processes measured but not part of the cluster (the benchmark's own client); left out of the totals. */
	public static final String CLIENT = "client";

	public SystemResults {
		metrics = new LinkedHashMap<>(metrics);
		errors = new LinkedHashMap<>(errors);
		rssIdle = new LinkedHashMap<>(rssIdle);
		rssLoad = new LinkedHashMap<>(rssLoad);
		pssIdle = new LinkedHashMap<>(pssIdle);
		pssLoad = new LinkedHashMap<>(pssLoad);
		cpuStart = new LinkedHashMap<>(cpuStart);
		versions = new LinkedHashMap<>(versions);
	}

	/** Results without PSS and start CPU figures. */
	public SystemResults(String system, Map<String, Double> metrics, Map<String, String> errors,
			Map<String, Long> rssIdle, Map<String, Long> rssLoad, Map<String, String> versions) {
		this(system, metrics, errors, rssIdle, rssLoad, Map.of(), Map.of(), Map.of(), versions);
	}

	public static SystemResults empty(String system) {
		return new SystemResults(system, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
	}

	/** A system whose whole part failed (did not start, script crashed, ...). */
	public static SystemResults failed(String system, String error) {
		return new SystemResults(system, Map.of(), Map.of("run", error), Map.of(), Map.of(), Map.of());
	}

	/** A metric, including the RSS totals derived from the per-process figures. */
	public Optional<Double> value(Metric metric) {
		if (metric == Metric.RSS_IDLE_MB) {
			return total(this.rssIdle);
		}
		if (metric == Metric.RSS_LOAD_MB) {
			return total(this.rssLoad);
		}
		if (metric == Metric.PSS_IDLE_MB) {
			return total(this.pssIdle);
		}
		return Optional.ofNullable(this.metrics.get(metric.key()));
	}

	/** Why a metric is missing: its own error, or the error of the whole part. */
	public Optional<String> error(Metric metric) {
		String own = this.errors.get(metric.key());
		if (own == null && (metric == Metric.DIRECT_P99_MS)) {
			own = this.errors.get(Metric.DIRECT_P50_MS.key());
		}
		if (own == null && (metric == Metric.PULL_MB_PER_S)) {
			own = this.errors.get(Metric.PUSH_MB_PER_S.key());
		}
		return Optional.ofNullable(own != null ? own : this.errors.get("run"));
	}

	/** The CPU-seconds of the cluster's processes when it became usable (the client left out). */
	public Optional<Double> cpuStartTotal() {
		double sum = this.cpuStart.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals(CLIENT))
			.mapToDouble(Map.Entry::getValue)
			.sum();
		return this.cpuStart.isEmpty() ? Optional.empty() : Optional.of(sum);
	}

	private static Optional<Double> total(Map<String, Long> rss) {
		long sum = rss.entrySet().stream().filter(e -> !e.getKey().equals(CLIENT)).mapToLong(Map.Entry::getValue).sum();
		return (sum > 0) ? Optional.of(Format.mib(sum)) : Optional.empty();
	}

}
