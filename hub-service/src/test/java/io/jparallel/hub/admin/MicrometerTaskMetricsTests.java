package io.jparallel.hub.admin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerTaskMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TaskMetrics metrics = new MicrometerTaskMetrics(this.registry);

	@Test
	void submittedCompletedAndFailedAreCountedAndLatenciesTimedByStatus() {
		this.metrics.submitted();
		this.metrics.submitted();
		this.metrics.submitted();
		this.metrics.completed(Duration.ofMillis(20), true);
		this.metrics.completed(Duration.ofMillis(40), false);

		assertThat(this.registry.get("jparallel.tasks.submitted").counter().count()).isEqualTo(3);
		assertThat(this.registry.get("jparallel.tasks.completed").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("jparallel.tasks.failed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("jparallel.task.latency").tag("status", "ok").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(20);
		assertThat(this.registry.get("jparallel.task.latency").tag("status", "error").timer().count()).isEqualTo(1);
	}

	@Test
	void anUnknownOrNegativeLatencyIsCountedButNotTimed() {
		this.metrics.completed(null, true);
		this.metrics.completed(Duration.ofMillis(-5), false);

		assertThat(this.registry.get("jparallel.tasks.completed").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("jparallel.task.latency").timers())
			.allSatisfy(timer -> assertThat(timer.count()).isZero());
	}

	@Test
	void noneCountsNothing() {
		TaskMetrics.NONE.submitted();
		TaskMetrics.NONE.completed(Duration.ZERO, false);
	}

}
