package io.jparallel.bench;

import java.util.Locale;

/**
 * Every figure compared between JParallel and IPython parallel: its key in both systems' results (the Python
 * script uses the same keys), how to show it, which direction is better, and the target for the
 * ratio JParallel/ipyparallel (or {@code null} when the issue sets none).
 */
public enum Metric {

	START_S("start_s", "Cluster start until usable", "s", Better.LOWER, Target.atMost(1)),
	DIRECT_P50_MS("direct_p50_ms", "Direct round trip p50", "ms", Better.LOWER, Target.atMost(0.4)),
	DIRECT_P99_MS("direct_p99_ms", "Direct round trip p99", "ms", Better.LOWER, null),
	LB_TASKS_PER_S("lb_tasks_per_s", "Load-balanced applyAsync no-op", "tasks/s", Better.HIGHER, Target.atLeast(10)),
	MAP1_ITEMS_PER_S("map1_items_per_s", "LB map, chunksize 1", "items/s", Better.HIGHER, Target.atLeast(20)),
	MAP_CHUNKED_ITEMS_PER_S("map_chunked_items_per_s", "LB map, chunksize 1,000", "items/s", Better.HIGHER,
			Target.atLeast(1)),
	PUSH_MB_PER_S("push_mb_per_s", "Push double[] to 1 engine", "MB/s", Better.HIGHER, Target.atLeast(2)),
	PULL_MB_PER_S("pull_mb_per_s", "Pull double[] from 1 engine", "MB/s", Better.HIGHER, Target.atLeast(2)),
	EXECUTE_ALL_MS("execute_all_ms", "Execute on all engines (median)", "ms", Better.LOWER, Target.atMost(1)),
	APPLY_ALL_DIRECT_MS("apply_all_direct_ms", "Apply no-op on all engines, DirectView (median)", "ms", Better.LOWER,
			null),
	APPLY_ALL_BROADCAST_MS("apply_all_broadcast_ms", "Apply no-op on all engines, BroadcastView (median)", "ms",
			Better.LOWER, null),
	/** The issue: "total RSS of a 4-engine cluster idle ≤ ipyparallel's × 1.2". */
	RSS_IDLE_MB("rss_idle_total_mb", "Total RSS, idle", "MiB", Better.LOWER, Target.atMost(1.2)),
	/** Shared pages split among the processes that map them: what the cluster holds together. */
	PSS_IDLE_MB("pss_idle_total_mb", "Total PSS, idle", "MiB", Better.LOWER, null),
	RSS_LOAD_MB("rss_load_total_mb", "Total RSS, under load (peak)", "MiB", Better.LOWER, null);

	/** Which way a figure improves; the ratio is read accordingly. */
	public enum Better {
		HIGHER, LOWER;

		public String label() {
			return name().toLowerCase(Locale.ROOT) + " is better";
		}
	}

	private final String key;

	private final String label;

	private final String unit;

	private final Better better;

	private final Target target;

	Metric(String key, String label, String unit, Better better, Target target) {
		this.key = key;
		this.label = label;
		this.unit = unit;
		this.better = better;
		this.target = target;
	}

	public String key() {
		return this.key;
	}

	public String label() {
		return this.label;
	}

	public String unit() {
		return this.unit;
	}

	public Better better() {
		return this.better;
	}

	/** The target for the ratio, or {@code null}. */
	public Target target() {
		return this.target;
	}

}
