package io.jparallel.hub.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.jparallel.hub.testing.MutableClock;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.connection.ConnectionInfo;

import static io.jparallel.hub.audit.AuditMessages.CODEC;
import static io.jparallel.hub.audit.AuditMessages.SUBMITTED;
import static io.jparallel.hub.audit.AuditMessages.executeRequest;
import static io.jparallel.hub.audit.AuditMessages.okReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class AuditListenerTests {

	private static final AuditPlan WRITTEN = new AuditPlan(List.of(), List.of(), List.of(), List.of(), 0);

	private final ClusterConnection cluster = new ClusterConnection(
			new ConnectionInfo("audit-listener-test", "amqp://127.0.0.1:1", AuditMessages.KEY, null, null), "test", false);

	private final AuditWriter writer = mock(AuditWriter.class);

	private final Channel channel = mock(Channel.class);

	private final List<Duration> pauses = new ArrayList<>();

	private final AuditListener listener = new AuditListener(this.cluster, this.writer,
			new HeldChunks(CODEC, new MutableClock(SUBMITTED), Duration.ofMinutes(2), 100), this.pauses::add);

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void aBatchIsWrittenThenAcknowledgedAtOnce() throws Exception {
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);
		when(this.writer.write(anyList())).thenReturn(WRITTEN);

		this.listener.onMessageBatch(List.of(delivery(1, CODEC.encode(request)),
				delivery(2, CODEC.encode(okReply(request, 0))), delivery(3, new byte[] { 1, 2, 3 })), this.channel);

		InOrder order = inOrder(this.writer, this.channel);
		order.verify(this.writer).write(anyList());
		order.verify(this.channel).basicAck(3, true);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.listener.audited()).isEqualTo(2);
		assertThat(this.listener.batches()).isOne();
	}

	@Test
	void chunksOfAnIncompleteMessageAreAcknowledgedOnlyOnceItIsWritten() throws Exception {
		when(this.writer.write(anyList())).thenReturn(WRITTEN);
		List<Chunks.Part> parts = Chunks.encode(CODEC, HeldChunksTests.largeRequest(1_500_000), "client-1");
		Message other = executeRequest(MetadataKeys.ROUTE_TASK, null);

		this.listener.onMessageBatch(List.of(delivery(1, parts.get(0).encoded()), delivery(2, CODEC.encode(other))),
				this.channel);
		verify(this.channel).basicAck(2, false);
		assertThat(this.listener.incompleteChunkedMessages()).isOne();

		this.listener.onMessageBatch(List.of(delivery(3, parts.get(1).encoded())), this.channel);
		verify(this.channel).basicAck(3, true);
		assertThat(this.listener.incompleteChunkedMessages()).isZero();
		verify(this.writer).write(argThat(batch -> batch.size() == 1
				&& batch.get(0).message().bufferBytes() == 1_500_000 && batch.get(0).encoded().length > 1_500_000));
	}

	@Test
	void whenTheDatabaseIsDownTheBatchGoesBackAndTheListenerWaits() throws Exception {
		when(this.writer.write(anyList())).thenThrow(new CannotCreateTransactionException("connection refused"));
		Message request = executeRequest(MetadataKeys.ROUTE_TASK, null);

		this.listener.onMessageBatch(List.of(delivery(4, CODEC.encode(request)), delivery(5, CODEC.encode(request))),
				this.channel);
		this.listener.onMessageBatch(List.of(delivery(6, CODEC.encode(request))), this.channel);

		verify(this.channel).basicNack(5, true, true);
		verify(this.channel).basicNack(6, true, true);
		verify(this.channel, never()).basicAck(anyLong(), anyBoolean());
		assertThat(this.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(this.listener.requeued()).isEqualTo(3);
		assertThat(this.listener.audited()).isZero();
	}

	@Test
	void aMessageTheDatabaseRefusesOnItsOwnIsDroppedAndTheRestWritten() throws Exception {
		Message good = executeRequest(MetadataKeys.ROUTE_TASK, null);
		Message bad = executeRequest(MetadataKeys.ROUTE_TASK, null);
		when(this.writer.write(anyList())).thenAnswer(invocation -> {
			List<AuditedMessage> batch = invocation.getArgument(0);
			if (batch.stream().anyMatch(audited -> audited.message().header().equals(bad.header()))) {
				throw new DataIntegrityViolationException("value too long");
			}
			return WRITTEN;
		});

		this.listener.onMessageBatch(List.of(delivery(1, CODEC.encode(good)), delivery(2, CODEC.encode(bad))),
				this.channel);

		verify(this.channel).basicAck(2, true);
		assertThat(this.listener.dropped()).isOne();
		assertThat(this.listener.audited()).isOne();
		assertThat(this.pauses).isEmpty();
	}

	private static org.springframework.amqp.core.Message delivery(long tag, byte[] body) {
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryTag(tag);
		return new org.springframework.amqp.core.Message(body, properties);
	}

}
