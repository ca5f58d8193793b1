package io.jparallel.client.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FinishedRequestsTests {

	@Test
	void theOldestOutcomesAreForgottenFirst() {
		FinishedRequests finished = new FinishedRequests(2);

		finished.remember("a", true, 0);
		finished.remember("b", false, 1);
		finished.remember("c", true, 2);

		assertThat(finished.outcome("a")).isEmpty();
		assertThat(finished.outcome("b")).contains(new FinishedRequests.Outcome(false, 1));
		assertThat(finished.outcome("c")).contains(new FinishedRequests.Outcome(true, 2));
	}

}
