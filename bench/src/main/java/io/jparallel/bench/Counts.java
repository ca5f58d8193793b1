package io.jparallel.bench;

/**
 * How much each workload does. The same numbers are in {@code bench/ipyparallel_bench.py} (FULL and QUICK);
 * both systems must run identical counts for the ratios to mean anything.
 */
public record Counts(int warmup, int roundTrips, int lbTasks, int map1Items, int mapChunkedItems, int chunksize,
		int pushMb, int executeWarmup, int executeReps) {

	/** The counts of the issue. */
	public static Counts full() {
		return new Counts(50, 1_000, 5_000, 10_000, 100_000, 1_000, 100, 5, 20);
	}

	/** Smaller counts for trying the runner out while developing. */
	public static Counts quick() {
		return new Counts(20, 200, 1_000, 2_000, 20_000, 1_000, 20, 2, 5);
	}

}
