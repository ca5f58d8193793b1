package io.jparallel.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubAuditWaitTests {

	@Test
	void whatIsLeftToRecordIsTheAuditBacklogAndTheHubsOwnQueue() {
		assertThat(HubAuditWait.HubStatus.parse(
				"{\"clusterId\":\"c\",\"audit\":{\"messagesRecorded\":12,\"backlog\":340},\"hubQueue\":2}"))
			.isEqualTo(new HubAuditWait.HubStatus(342, 12));
	}

	@Test
	void aStatusWithoutTheDepthsIsNotTheHubs() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubAuditWait.HubStatus.parse("{\"audit\":{\"messagesRecorded\":12},\"hubQueue\":0}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubAuditWait.HubStatus.parse("{\"audit\":{\"backlog\":0,\"messagesRecorded\":1}}"));
	}

	@Test
	void theHubIsIdleOnceItsQueuesStayEmptyAndItRecordsNothingMore() {
		HubAuditWait.HubStatus writingLastBatch = new HubAuditWait.HubStatus(0, 100);
		HubAuditWait.HubStatus done = new HubAuditWait.HubStatus(0, 140);
		assertThat(writingLastBatch.idleSince(null)).isFalse();
		assertThat(writingLastBatch.idleSince(new HubAuditWait.HubStatus(25, 90))).isFalse();
		assertThat(done.idleSince(writingLastBatch)).isFalse();
		assertThat(new HubAuditWait.HubStatus(0, 140).idleSince(done)).isTrue();
		assertThat(new HubAuditWait.HubStatus(3, 140).idleSince(done)).isFalse();
	}

	@Test
	void theWaitsAreARowOfJParallelsOnly() {
		SystemResults jp = new SystemResults("jparallel", Map.of(JParallelWorkloads.HUB_AUDIT_WAIT_S, 7.5), Map.of(),
				Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
		ReportRow row = Comparison.hubAuditWait(jp);
		assertThat(row.jparallel()).isEqualTo(7.5);
		assertThat(row.ipyparallel()).isNaN();
		assertThat(row.status()).isEqualTo(ReportRow.Status.NO_TARGET);
	}

}
