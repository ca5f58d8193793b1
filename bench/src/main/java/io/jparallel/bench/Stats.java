package io.jparallel.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles and medians of measured samples. Nearest-rank percentiles, the same definition the Python
 * side uses, so a p99 means the same thing for both systems.
 */
public final class Stats {

	private Stats() {
	}

	/** The nearest-rank {@code p}-th percentile (0 &lt; p ≤ 100) of {@code values}, which need not be sorted. */
	public static double percentile(double[] values, double p) {
		if (values.length == 0) {
			throw new IllegalArgumentException("No values");
		}
		if (!(p > 0 && p <= 100)) {
			throw new IllegalArgumentException("Percentile must be in (0, 100], got " + p);
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(1, rank) - 1];
	}

	/** The median; the mean of the two middle values for an even count (as Python's statistics.median). */
	public static double median(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("No values");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	public static double median(List<Double> values) {
		return median(values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	/** Nanoseconds to milliseconds. */
	public static double millis(long nanos) {
		return nanos / 1e6;
	}

	/** A rate per second for {@code count} operations in {@code nanos}. */
	public static double perSecond(double count, long nanos) {
		return count / (nanos / 1e9);
	}

}
