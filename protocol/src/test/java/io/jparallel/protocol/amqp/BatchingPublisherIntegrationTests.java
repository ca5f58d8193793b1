package io.jparallel.protocol.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.testing.TestBroker;
import io.jparallel.protocol.wire.Batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client's publisher on a real broker: what it hands over arrives once, in order, batched. */
class BatchingPublisherIntegrationTests {

	private final ClusterConnection cluster = new ClusterConnection(
			new ConnectionInfo(TestBroker.uniqueClusterId(), TestBroker.uri(), TestBroker.randomKey(), null, null),
			"publisher-test", false);

	private final List<String> failed = new CopyOnWriteArrayList<>();

	private final BatchingPublisher publisher = new BatchingPublisher(this.cluster.sender(),
			(msgId, ex) -> this.failed.add(msgId), "publisher-test");

	private final String queue = "jp." + this.cluster.topology().clusterId() + ".publisher-test";

	@AfterEach
	void close() {
		this.publisher.close();
		this.cluster.admin().deleteQueue(this.queue);
		this.cluster.close();
	}

	@Test
	void messagesHandedOverTogetherWhileIdleLeaveAsOneBrokerMessageInOrder() throws Exception {
		// the publisher is idle: it has published nothing yet
		this.cluster.admin().declareQueue(new org.springframework.amqp.core.Queue(this.queue, false, false, false));

		this.publisher.publishAll("", List.of(outgoing("a", "1"), outgoing("b", "2"), outgoing("c", "3"),
				outgoing("d", "4")));

		List<byte[]> deliveries = receive(1);
		assertThat(Batch.isBatch(deliveries.get(0))).isTrue();
		assertThat(Batch.unpack(deliveries.get(0))).map(BatchingPublisherIntegrationTests::text)
			.containsExactly("a", "b", "c", "d");
		assertThat(this.cluster.admin().getQueueInfo(this.queue).getMessageCount()).isZero();
		assertThat(this.failed).isEmpty();
	}

	@Test
	void aBurstOfSingleMessagesArrivesEachOnceInOrder() throws Exception {
		this.cluster.admin().declareQueue(new org.springframework.amqp.core.Queue(this.queue, false, false, false));
		int count = 20_000;

		IntStream.range(0, count).forEach(i -> this.publisher.publish("", this.queue, bytes("m" + i), "id" + i));

		List<String> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			org.springframework.amqp.core.Message message;
			while ((message = this.cluster.template().receive(this.queue)) != null) {
				byte[] body = message.getBody();
				for (byte[] one : Batch.isBatch(body) ? Batch.unpack(body) : List.of(body)) {
					received.add(text(one));
				}
			}
			return received.size() >= count;
		});
		assertThat(received).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
		assertThat(this.failed).isEmpty();
	}

	private List<byte[]> receive(int messages) {
		List<byte[]> bodies = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			org.springframework.amqp.core.Message message = this.cluster.template().receive(this.queue);
			if (message != null) {
				bodies.add(message.getBody());
			}
			return bodies.size() >= messages;
		});
		return bodies;
	}

	private BatchingPublisher.Outgoing outgoing(String text, String msgId) {
		return new BatchingPublisher.Outgoing(this.queue, bytes(text), msgId);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
