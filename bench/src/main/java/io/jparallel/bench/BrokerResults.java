package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's own limits on this machine, measured with RabbitMQ PerfTest against a fresh private node:
 * what JParallel, which sends every message through that broker, could reach at best.
 *
 * @param throughput 1 producer/1 consumer, 200-byte messages, publisher confirms and manual acks; null if failed
 * @param latency one hop at a fixed 1,000 msg/s; null if failed
 * @param largeMessages 1 MiB messages, 1 producer/1 consumer, confirms and manual acks: the bound on
 * moving big values (a push crosses the broker twice: client to scheduler, scheduler to engine); null if failed
 * @param rabbitmqVersion the node's version as it reports it
 * @param perfTestVersion PerfTest's version
 * @param errors errors by part ("throughput", "latency", "node")
 */
public record BrokerResults(PerfTestSummary throughput, PerfTestSummary latency, PerfTestSummary largeMessages,
		String rabbitmqVersion,
		String perfTestVersion, Map<String, String> errors) {

	/**
	 * Messages the broker carries per load-balanced task: client→requests, scheduler→tasks, engine→results.
	 * The hub's audit queue receives 2 more copies (of the request and of the result), which cost the
	 * broker deliveries but no publishes.
	 */
	public static final int PUBLISHES_PER_TASK = 3;

	public static final int AUDIT_COPIES_PER_TASK = 2;

	/** Of the per-task bound, the share the issue asks load-balanced throughput to reach. */
	public static final double TARGET_SHARE_OF_BOUND = 0.4;

	public BrokerResults {
		errors = new LinkedHashMap<>(errors);
	}

	/** The raw limit: confirmed, acknowledged messages per second (the consumer side, which is what completes). */
	public double limit() {
		return (this.throughput != null) ? Math.min(this.throughput.sendRate(), this.throughput.receiveRate()) : Double.NaN;
	}

	/** An upper bound for load-balanced tasks/s: the raw limit over the publishes a task needs. */
	public double perTaskBound() {
		return limit() / PUBLISHES_PER_TASK;
	}

	public double latencyMedianMs() {
		return (this.latency != null) ? this.latency.latencyMedianMs() : Double.NaN;
	}

}
