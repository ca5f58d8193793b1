package io.jparallel.scheduler.tasks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An engine's adaptive limit, on a clock the test moves. */
class EngineCreditTests {

	private static final long MS = 1_000_000L;

	@Test
	void anEngineNotHeardFromMayHoldTheFormerFixedDefault() {
		EngineCredit credit = new EngineCredit(0);
		assertThat(credit.limit(0)).isEqualTo(EngineCredit.MIN).isEqualTo(16);
	}

	@Test
	void anEngineMayHoldAboutWhatItFinishedInTheLastWindow() {
		EngineCredit credit = new EngineCredit(0);
		credit.finished(40, 10 * MS);
		credit.finished(30, 60 * MS);
		assertThat(credit.limit(90 * MS)).isEqualTo(70);
	}

	@Test
	void theLimitNeverExceedsTheMaximum() {
		EngineCredit credit = new EngineCredit(0);
		credit.finished(10_000, 5 * MS);
		assertThat(credit.limit(5 * MS)).isEqualTo(EngineCredit.MAX).isEqualTo(256);
	}

	@Test
	void theLastWindowCountsLessAsItPassesAndNothingOnceItHasPassed() {
		EngineCredit credit = new EngineCredit(0);
		credit.finished(200, 50 * MS);
		// a quarter of the way into the next bucket: three quarters of the previous one still count
		assertThat(credit.limit(125 * MS)).isEqualTo(150);
		assertThat(credit.limit(250 * MS)).isEqualTo(EngineCredit.MIN);
	}

	@Test
	void anEngineWhoseTasksAreSlowStaysAtTheMinimum() {
		EngineCredit credit = new EngineCredit(0);
		for (int second = 1; second <= 10; second++) {
			credit.finished(1, second * 1_000 * MS);
			assertThat(credit.limit(second * 1_000 * MS)).isEqualTo(EngineCredit.MIN);
		}
	}

}
