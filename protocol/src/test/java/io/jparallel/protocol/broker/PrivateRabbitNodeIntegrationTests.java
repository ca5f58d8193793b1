package io.jparallel.protocol.broker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PrivateRabbitNodeIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void nodeCarriesMessagesAndLeavesNothingBehindWhenStopped() throws Exception {
		// GIVEN a started node
		PrivateRabbitNode node = PrivateRabbitNode.start(this.dataDir);
		List<ProcessHandle> processes = node.processes();
		int epmdPort = node.record().epmdPort();
		try {
			assertThat(node.isRunning()).isTrue();
			assertThat(node.uri()).isEqualTo("amqp://jp-admin:" + node.adminPassword() + "@127.0.0.1:" + node.port());
			assertThat(node.adminPassword()).hasSizeGreaterThanOrEqualTo(32);
			assertThat(node.nodeName()).isEqualTo("jp" + node.port() + "@localhost");
			assertThat(processes).extracting(p -> p.info().command().orElse(""))
				.anyMatch(command -> command.endsWith("beam.smp"));

			// WHEN a message goes through a queue
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(node.uri());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				String queue = channel.queueDeclare("", false, true, true, null).getQueue();
				channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
				GetResponse response = await().atMost(Duration.ofSeconds(5))
					.until(() -> channel.basicGet(queue, true), r -> r != null);

				// THEN it arrives unchanged
				assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
			}
		}
		finally {
			node.stop();
		}

		// THEN stopping leaves no process, no listening port and no record
		assertThat(processes).noneMatch(ProcessTrees::isRunning);
		assertThat(FreePorts.isListening(node.port())).isFalse();
		assertThat(FreePorts.isListening(node.record().distPort())).isFalse();
		assertThat(FreePorts.isListening(epmdPort)).isFalse();
		assertThat(node.isRunning()).isFalse();
		assertThat(PrivateRabbitNode.find(this.dataDir)).isEmpty();
	}

	@Test
	void nodeStartedByOneCallerCanBeFoundAndStoppedFromItsDataDirectory() {
		PrivateRabbitNode node = PrivateRabbitNode.start(this.dataDir);
		List<ProcessHandle> processes = node.processes();

		assertThat(PrivateRabbitNode.find(this.dataDir)).hasValueSatisfying(found -> {
			assertThat(found.pid()).isEqualTo(node.pid());
			assertThat(found.port()).isEqualTo(node.port());
		});
		assertThat(PrivateRabbitNode.stop(this.dataDir)).isTrue();

		assertThat(processes).noneMatch(ProcessTrees::isRunning);
		assertThat(FreePorts.isListening(node.port())).isFalse();
		assertThat(PrivateRabbitNode.find(this.dataDir)).isEmpty();
	}

}
