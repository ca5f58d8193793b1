package io.jparallel.protocol.testing;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestBrokerIntegrationTests {

	@Test
	void everyCallerGetsTheSameReachableBroker() throws Exception {
		String uri = TestBroker.uri();

		assertThat(TestBroker.uri()).isSameAs(uri);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(uri);
		try (Connection connection = factory.newConnection()) {
			assertThat(connection.isOpen()).isTrue();
		}
	}

	@Test
	void clusterIdsAreUniqueAndUsableAsQueuePrefixes() {
		assertThat(TestBroker.uniqueClusterId()).matches("t[0-9a-f]{10}").isNotEqualTo(TestBroker.uniqueClusterId());
	}

}
