package io.jparallel.engine.requests;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.MessageType;

/**
 * Times the requests this engine runs: timer {@code jparallel.engine.requests} (Prometheus
 * {@code jparallel_engine_requests_seconds}, with histogram buckets), tagged {@code type} ({@code apply},
 * {@code execute}, or {@code other} for push, pull, clear and add_classpath) and {@code status}
 * ({@code ok}, {@code error}). Requests aborted before they ran are not timed. Six timers, made up front.
 */
@Component
public class RequestMetrics {

	private final Timer applyOk;

	private final Timer applyError;

	private final Timer executeOk;

	private final Timer executeError;

	private final Timer otherOk;

	private final Timer otherError;

	public RequestMetrics(MeterRegistry registry) {
		this.applyOk = timer(registry, "apply", "ok");
		this.applyError = timer(registry, "apply", "error");
		this.executeOk = timer(registry, "execute", "ok");
		this.executeError = timer(registry, "execute", "error");
		this.otherOk = timer(registry, "other", "ok");
		this.otherError = timer(registry, "other", "error");
	}

	private static Timer timer(MeterRegistry registry, String type, String status) {
		return Timer.builder("jparallel.engine.requests")
			.description("Requests this engine ran, from start to reply")
			.tag("type", type)
			.tag("status", status)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(registry);
	}

	void record(String msgType, boolean ok, long nanos) {
		Timer timer = switch (msgType) {
			case MessageType.APPLY_REQUEST -> ok ? this.applyOk : this.applyError;
			case MessageType.EXECUTE_REQUEST -> ok ? this.executeOk : this.executeError;
			default -> ok ? this.otherOk : this.otherError;
		};
		timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

}
