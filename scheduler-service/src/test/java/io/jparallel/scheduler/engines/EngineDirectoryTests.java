package io.jparallel.scheduler.engines;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineDirectoryTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final AtomicInteger lookups = new AtomicInteger();

	private volatile Map<Integer, String> hubEngines = Map.of(0, "uuid-0");

	private volatile boolean hubAnswers = true;

	private final HubEngineList hub = new HubEngineList(null) {

		@Override
		public Map<Integer, String> engines() {
			EngineDirectoryTests.this.lookups.incrementAndGet();
			if (!EngineDirectoryTests.this.hubAnswers) {
				throw new IllegalStateException("The hub did not answer the engine list request");
			}
			return EngineDirectoryTests.this.hubEngines;
		}

	};

	private final EngineDirectory directory = new EngineDirectory(this.hub, this.now::get);

	@Test
	void anEngineTheNoticeHasNotReachedYetIsFoundByAskingTheHub() {
		assertThat(this.directory.uuidOf(0)).isEqualTo("uuid-0");
		assertThat(this.lookups).hasValue(1);
		assertThat(this.directory.uuidOf(0)).isEqualTo("uuid-0");
		assertThat(this.lookups).as("known now: no second question").hasValue(1);
	}

	@Test
	void missesAskTheHubAtMostOncePerInterval() {
		for (int i = 0; i < 1_000; i++) {
			assertThat(this.directory.uuidOf(99)).isNull();
		}
		assertThat(this.lookups).hasValue(1);

		this.hubEngines = Map.of(0, "uuid-0", 5, "uuid-5");
		assertThat(this.directory.uuidOf(5)).as("within the interval").isNull();
		this.now.addAndGet(EngineDirectory.MISS_LOOKUP_INTERVAL.toNanos());
		assertThat(this.directory.uuidOf(5)).isEqualTo("uuid-5");
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void afterTheHubFailedToAnswerMissesDoNotAskAgainForAWhile() {
		this.hubAnswers = false;
		assertThat(this.directory.uuidOf(1)).isNull();
		this.now.addAndGet(EngineDirectory.MISS_LOOKUP_INTERVAL.toNanos() * 4);
		assertThat(this.directory.uuidOf(1)).isNull();
		assertThat(this.directory.pick("key")).isNull();
		assertThat(this.lookups).hasValue(1);

		this.hubAnswers = true;
		this.now.addAndGet(EngineDirectory.FAILED_LOOKUP_PAUSE.toNanos());
		assertThat(this.directory.uuidOf(0)).isEqualTo("uuid-0");
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void anExplicitRefreshAlwaysAsks() {
		this.directory.refresh();
		this.directory.refresh();
		assertThat(this.lookups).hasValue(2);
		assertThat(this.directory.size()).isEqualTo(1);
	}

}
