package io.jparallel.bench;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary PerfTest prints when it stops, parsed from its console output:
 * <pre>
 * id: test-125735-798, sending rate avg: 14857 msg/s
 * id: test-125735-798, receiving rate avg: 14512 msg/s
 * id: test-125735-798, consumer latency min/median/75th/95th/99th 114/354/486/30139/36999 µs
 * </pre>
 * PerfTest 2.22 has no machine-readable summary, so these lines are the interface. Latency is in µs, or
 * in ms with {@code --use-millis}; both are converted to milliseconds.
 *
 * @param sendRate messages/s published, averaged over the run
 * @param receiveRate messages/s consumed
 * @param latencyMedianMs median publish-to-consume latency, NaN if not printed
 * @param latencyP99Ms 99th percentile of that latency, NaN if not printed
 */
public record PerfTestSummary(double sendRate, double receiveRate, double latencyMedianMs, double latencyP99Ms) {

	private static final Pattern SENDING = Pattern.compile("sending rate avg:\\s*([\\d.]+)\\s*msg/s");

	private static final Pattern RECEIVING = Pattern.compile("receiving rate avg:\\s*([\\d.]+)\\s*msg/s");

	private static final Pattern LATENCY = Pattern.compile(
			"consumer latency min/median/75th/95th/99th\\s+([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+)\\s*(\\S+)");

	/** Parses a PerfTest run's whole output; fails if it has no summary (the run broke). */
	public static PerfTestSummary parse(String output) {
		OptionalDouble send = first(SENDING, output);
		OptionalDouble receive = first(RECEIVING, output);
		if (send.isEmpty() || receive.isEmpty()) {
			throw new IllegalArgumentException("No PerfTest summary (sending/receiving rate avg) in its output");
		}
		double median = Double.NaN;
		double p99 = Double.NaN;
		Matcher latency = LATENCY.matcher(output);
		while (latency.find()) {
			// the summary comes after the per-second lines, which do not use this exact wording
			double toMillis = toMillis(latency.group(6));
			median = Double.parseDouble(latency.group(2)) * toMillis;
			p99 = Double.parseDouble(latency.group(5)) * toMillis;
		}
		return new PerfTestSummary(send.getAsDouble(), receive.getAsDouble(), median, p99);
	}

	/** The factor from PerfTest's latency unit to milliseconds: "ms", "s", otherwise microseconds. */
	static double toMillis(String unit) {
		String u = unit.toLowerCase(Locale.ROOT);
		if (u.equals("ms")) {
			return 1;
		}
		if (u.equals("s")) {
			return 1000;
		}
		if (u.equals("ns")) {
			return 1e-6;
		}
		return 1e-3; // µs, however the console encoded the µ
	}

	private static OptionalDouble first(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
	}

}
