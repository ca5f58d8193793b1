package io.jparallel.scheduler.tasks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * The task outbox on the broker. Tasks for one engine travel as batches of at most
 * {@value #MAX_BATCH_BYTES} bytes, so a burst costs few publishes and no batch grows too large.
 */
@Component
class AmqpTaskOutbox implements TaskOutbox {

	static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

	private final ClusterConnection cluster;

	AmqpTaskOutbox(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	@Override
	public void place(String engineUuid, List<byte[]> encoded) {
		String exchange = this.cluster.topology().muxExchange();
		List<byte[]> batch = new ArrayList<>();
		long bytes = 0;
		for (byte[] one : encoded) {
			if (!batch.isEmpty() && bytes + one.length > MAX_BATCH_BYTES) {
				this.cluster.sender().sendBatch(exchange, engineUuid, batch);
				batch = new ArrayList<>();
				bytes = 0;
			}
			batch.add(one);
			bytes += one.length;
		}
		this.cluster.sender().sendBatch(exchange, engineUuid, batch);
	}

	@Override
	public void reply(String session, Message reply) {
		this.cluster.sender().send(this.cluster.topology().resultsExchange(), session, reply);
	}

	@Override
	public void forward(String session, byte[] encodedReply) {
		this.cluster.sender().sendBatch(this.cluster.topology().resultsExchange(), session, List.of(encodedReply));
	}

	@Override
	public void control(String engineUuid, Message request) {
		this.cluster.sender().send(this.cluster.topology().controlExchange(), engineUuid, request);
	}

}
