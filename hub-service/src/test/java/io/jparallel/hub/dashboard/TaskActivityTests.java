package io.jparallel.hub.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.jparallel.hub.admin.FailedTask;
import io.jparallel.hub.admin.TaskMetrics;
import io.jparallel.hub.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class TaskActivityTests {

	private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final TaskActivity activity = new TaskActivity(this.clock);

	@Test
	void aSecondIsShownOnceATaskCompletedAfterItWithItsCountsAndLatencyPercentiles() {
		IntStream.rangeClosed(1, 100).forEach(ms -> {
			this.activity.submitted(START);
			this.activity.completed(START.plusMillis(500), Duration.ofMillis(ms), ms % 10 != 0);
		});
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(this.activity.snapshot().last().epochSecond())
			.as("nothing says the second is complete yet; the one before it is")
			.isEqualTo(START.getEpochSecond() - 1);
		assertThat(this.activity.snapshot().seconds()).hasSize(TaskActivity.WINDOW_SECONDS)
			.allSatisfy(second -> assertThat(second.completed()).isZero());

		this.activity.completed(START.plusMillis(1200), null, true);
		TaskActivity.Activity snapshot = this.activity.snapshot();

		assertThat(snapshot.last()).isEqualTo(new SecondStats(START.getEpochSecond(), 100, 100, 10, 50.0, 95.0));
		assertThat(snapshot.completedPerSecond(10)).isEqualTo(10.0);
		assertThat(snapshot.submitted()).isEqualTo(100);
		assertThat(snapshot.completed()).isEqualTo(101);
		assertThat(snapshot.failed()).isEqualTo(10);
	}

	@Test
	void withoutLaterTasksASecondIsShownOnceItIsSettleSecondsOld() {
		this.activity.completed(START.plusMillis(500), Duration.ofMillis(7), true);

		this.clock.advance(Duration.ofSeconds(TaskActivity.SETTLE_SECONDS - 1));
		assertThat(this.activity.snapshot().last().epochSecond()).isLessThan(START.getEpochSecond());

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.activity.snapshot().last()).isEqualTo(new SecondStats(START.getEpochSecond(), 0, 1, 0, 7.0, 7.0));
	}

	@Test
	void tasksCountInTheSecondTheyCompletedInThoughTheAuditRecordsThemLater() {
		this.clock.advance(Duration.ofSeconds(5));
		this.activity.completed(START.plusMillis(100), Duration.ofMillis(3), true);
		this.activity.completed(START.plusMillis(3100), null, true);
		this.activity.completed(START.plusSeconds(60), Duration.ofMillis(1), true);

		List<SecondStats> seconds = this.activity.snapshot().seconds();
		assertThat(seconds.get(seconds.size() - 1).epochSecond()).as("the one ahead counts now, second 5")
			.isEqualTo(START.getEpochSecond() + 4);
		assertThat(seconds.subList(seconds.size() - 5, seconds.size())).extracting(SecondStats::completed)
			.as("seconds 0 to 4").containsExactly(1L, 0L, 0L, 1L, 0L);
		assertThat(seconds.get(seconds.size() - 2).p50Millis()).as("not timed").isNull();
		assertThat(seconds.get(seconds.size() - 5).p50Millis()).isEqualTo(3.0);
	}

	@Test
	void theWindowKeepsFiveMinutesAndTotalsStay() {
		this.activity.completed(START, Duration.ofMillis(3), true);
		this.clock.advance(Duration.ofHours(1));
		this.activity.completed(START, Duration.ofMillis(3), true);

		assertThat(this.activity.snapshot().seconds()).hasSize(TaskActivity.WINDOW_SECONDS)
			.allSatisfy(second -> assertThat(second.completed()).isZero());
		assertThat(this.activity.snapshot().completed()).isEqualTo(2);
	}

	@Test
	void latenciesBeyondTheSampleAreSampledUniformlyAndSealedSecondsKeepTheirPercentiles() {
		int tasks = TaskActivity.SAMPLES_PER_SECOND * 4;
		for (int i = 0; i < tasks; i++) {
			this.activity.completed(START, Duration.ofMillis((i % 2 == 0) ? 10 : 1000), true);
		}
		this.clock.advance(Duration.ofSeconds(TaskActivity.SEAL_SECONDS + 1));
		this.activity.completed(START, Duration.ofMillis(1), true);

		SecondStats second = this.activity.snapshot().seconds().stream()
			.filter(stats -> stats.epochSecond() == START.getEpochSecond())
			.findFirst()
			.orElseThrow();
		assertThat(second.completed()).isEqualTo(tasks + 1);
		assertThat(second.p95Millis()).isEqualTo(1000.0);
	}

	@Test
	void theLatestFailuresAreKeptNewestFirst() {
		for (int i = 0; i < TaskActivity.FAILURES_KEPT + 5; i++) {
			this.activity.failed(new FailedTask("msg-" + i, "apply_request", i % 4, "java.lang.IllegalStateException",
					"failure " + i, START));
		}

		assertThat(this.activity.snapshot().failures()).hasSize(TaskActivity.FAILURES_KEPT)
			.first()
			.satisfies(failure -> assertThat(failure.msgId()).isEqualTo("msg-24"));
	}

	@Test
	void theAuditTellsEveryTaskMetricsBean() {
		TaskActivity other = new TaskActivity(this.clock);
		TaskMetrics both = TaskMetrics.all(List.of(this.activity, other));

		both.submitted(START);
		both.completed(START, Duration.ofMillis(5), false);
		both.failed(new FailedTask("m", null, null, "E", "e", START));

		assertThat(this.activity.snapshot().failed()).isEqualTo(1);
		assertThat(other.snapshot().submitted()).isEqualTo(1);
		assertThat(other.snapshot().failures()).hasSize(1);
		assertThat(TaskMetrics.all(List.of())).isSameAs(TaskMetrics.NONE);
	}

}
