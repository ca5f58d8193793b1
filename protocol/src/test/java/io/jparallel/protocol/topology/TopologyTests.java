package io.jparallel.protocol.topology;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TopologyTests {

	@Test
	void everyNameStartsWithTheClusterId() {
		Topology topology = new Topology("c1_test-A");

		List<String> names = List.of(topology.requestsExchange(), topology.schedulerQueue(), topology.muxExchange(),
				topology.engineMuxQueue("uuid-1"), topology.taskExchange(), topology.sharedTaskQueue(),
				topology.resultsExchange(), topology.clientResultsQueue("s1"), topology.clientClassQueue("s1"),
				topology.hubQueue(), topology.notificationsExchange(), topology.heartbeatExchange(),
				topology.hubHeartbeatQueue(), topology.hubAuditQueue(), topology.notificationsQueue("s1"));

		assertThat(names).allMatch(name -> name.startsWith("jp.c1_test-A.")).doesNotHaveDuplicates();
		assertThat(topology.clusterId()).isEqualTo("c1_test-A");
	}

	@Test
	void twoClustersShareNoName() {
		Topology a = new Topology("a");
		Topology b = new Topology("b");

		assertThat(a.requestsExchange()).isNotEqualTo(b.requestsExchange());
		assertThat(a.engineMuxQueue("u")).isNotEqualTo(b.engineMuxQueue("u"));
		assertThat(a.hubQueue()).isNotEqualTo(b.hubQueue());
	}

	@Test
	void perParticipantNamesIncludeTheParticipant() {
		Topology topology = new Topology("c");

		assertThat(topology.engineMuxQueue("e-uuid")).isEqualTo("jp.c.engine.e-uuid.mux");
		assertThat(topology.clientResultsQueue("s-1")).isEqualTo("jp.c.client.s-1.results");
		assertThat(topology.clientClassQueue("s-1")).isEqualTo("jp.c.client.s-1.classes");
		assertThat(topology.notificationsQueue("s-1")).isEqualTo("jp.c.notifications.s-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "dot.ted", "slash/ed", "star*", "hash#",
			"x1234567890123456789012345678901234567890123456789012345678901234" })
	void invalidClusterIdsAreRejectedNamingTheId(String clusterId) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Topology(clusterId))
			.withMessageContaining("'" + clusterId + "'");
	}

	@Test
	void aMissingClusterIdIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> new Topology(null)).withMessageContaining("clusterId");
	}

	@Test
	void sixtyFourCharactersAreAllowed() {
		String id = "a".repeat(64);

		assertThat(new Topology(id).hubQueue()).isEqualTo("jp." + id + ".hub.registration");
	}

}
