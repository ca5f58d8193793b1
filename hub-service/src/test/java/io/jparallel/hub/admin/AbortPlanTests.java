package io.jparallel.hub.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;

class AbortPlanTests {

	@Test
	void directRequestsGoToTheirEnginesAndTasksToTheScheduler() {
		List<RecordedTask> recorded = List.of(pending("a", MetadataKeys.ROUTE_MUX, "1", 1),
				pending("b", MetadataKeys.ROUTE_MUX, "1", null), pending("c", MetadataKeys.ROUTE_MUX, "0", 0),
				pending("t", MetadataKeys.ROUTE_TASK, null, null));

		AbortPlan plan = AbortPlan.of(List.of("a", "t", "c", "b"), recorded);

		assertThat(plan.byEngine()).containsExactly(Map.entry(0, List.of("c")), Map.entry(1, List.of("a", "b")));
		assertThat(plan.scheduler()).containsExactly("t");
		assertThat(plan.alreadyDone()).isEmpty();
		assertThat(plan.unknown()).isEmpty();
		assertThat(plan.isEmpty()).isFalse();
	}

	@Test
	void answeredRequestsAreDoneAndUnrecordedOnesUnknown() {
		List<RecordedTask> recorded = List.of(
				new RecordedTask("answered", MetadataKeys.ROUTE_MUX, "2", 2, true),
				pending("status", MetadataKeys.ROUTE_SCHEDULER, null, null),
				pending("resubmission", null, null, null));

		AbortPlan plan = AbortPlan.of(List.of("answered", "never-seen", "status", "never-seen", "resubmission"),
				recorded);

		assertThat(plan.isEmpty()).isTrue();
		assertThat(plan.alreadyDone()).containsExactly("answered");
		assertThat(plan.unknown()).containsExactly("never-seen", "status", "resubmission");
	}

	@Test
	void aBroadcastGoesToThoseOfItsEnginesThatHaveNotAnswered() {
		List<RecordedTask> recorded = List.of(new RecordedTask("b", MetadataKeys.ROUTE_BROADCAST, "0,1,2", 0, true),
				pending("b", MetadataKeys.ROUTE_BROADCAST, "0,1,2", 1), pending("b", MetadataKeys.ROUTE_BROADCAST, "0,1,2", 2));

		AbortPlan plan = AbortPlan.of(List.of("b"), recorded);

		assertThat(plan.byEngine()).containsOnlyKeys(1, 2);
		assertThat(plan.alreadyDone()).isEmpty();
	}

	private static RecordedTask pending(String msgId, String route, String target, Integer engineId) {
		return new RecordedTask(msgId, route, target, engineId, false);
	}

}
