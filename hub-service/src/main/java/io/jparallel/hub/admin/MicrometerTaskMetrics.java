package io.jparallel.hub.admin;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * {@link TaskMetrics} as Micrometer meters (in Prometheus: {@code jparallel_tasks_submitted_total},
 * {@code jparallel_tasks_completed_total}, {@code jparallel_tasks_failed_total} and
 * {@code jparallel_task_latency_seconds} with histogram buckets, tagged {@code status} {@code ok} or
 * {@code error}). {@code completed} counts every task answered, {@code failed} those of them that failed.
 * The primary {@link TaskMetrics}: the audit tells every one, whoever asks for one gets this.
 */
@Primary
@Component
public class MicrometerTaskMetrics implements TaskMetrics {

	private final Counter submitted;

	private final Counter completed;

	private final Counter failed;

	private final Timer succeededLatency;

	private final Timer failedLatency;

	public MicrometerTaskMetrics(MeterRegistry registry) {
		this.submitted = Counter.builder("jparallel.tasks.submitted")
			.description("Tasks whose request the audit recorded")
			.register(registry);
		this.completed = Counter.builder("jparallel.tasks.completed")
			.description("Tasks whose reply the audit recorded, failed or not")
			.register(registry);
		this.failed = Counter.builder("jparallel.tasks.failed")
			.description("Tasks whose reply the audit recorded with status error")
			.register(registry);
		this.succeededLatency = latency(registry, "ok");
		this.failedLatency = latency(registry, "error");
	}

	private static Timer latency(MeterRegistry registry, String status) {
		return Timer.builder("jparallel.task.latency")
			.description("From a task's submission to its completion")
			.tag("status", status)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
	}

	@Override
	public void submitted() {
		this.submitted.increment();
	}

	@Override
	public void completed(@Nullable Duration latency, boolean ok) {
		this.completed.increment();
		if (!ok) {
			this.failed.increment();
		}
		if (latency != null && !latency.isNegative()) {
			(ok ? this.succeededLatency : this.failedLatency).record(latency);
		}
	}

}
