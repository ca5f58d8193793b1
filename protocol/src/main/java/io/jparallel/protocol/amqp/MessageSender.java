package io.jparallel.protocol.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

import java.util.List;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.wire.Batch;
import io.jparallel.protocol.wire.MessageCodec;

/**
 * Signs messages and publishes them, persistent: with the durable queues of {@link TopologyDeclarations} a
 * broker restart loses none of them.
 */
public final class MessageSender {

	/** AMQP content type of an encoded message. */
	public static final String CONTENT_TYPE = "application/x-jparallel";

	/** AMQP type of a batch of messages. */
	public static final String BATCH_TYPE = "jp_batch";

	private static final DefaultMessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

	private final RabbitTemplate template;

	private final MessageCodec codec;

	public MessageSender(RabbitTemplate template, MessageCodec codec) {
		this.template = template;
		this.codec = codec;
	}

	/** Signs and publishes a message, in chunks if it is too large to travel whole. */
	public void send(String exchange, String routingKey, Message message) {
		for (Chunks.Part part : Chunks.encode(this.codec, message, routingKey)) {
			this.template.send(exchange, part.routingKey(), toAmqp(part.encoded(), message.header().msgId(),
					message.msgType()));
		}
	}

	/** Sends and waits for the reply (direct reply-to); the reply is not decoded. */
	public byte[] sendAndReceive(String exchange, String routingKey, Message message) {
		org.springframework.amqp.core.Message reply = this.template.sendAndReceive(exchange, routingKey,
				toAmqp(message));
		return (reply != null) ? reply.getBody() : null;
	}

	/** Sends encoded messages as one AMQP message: a {@link Batch}, or the message itself when there is one. */
	public void sendBatch(String exchange, String routingKey, List<byte[]> encoded) {
		if (encoded.isEmpty()) {
			return;
		}
		byte[] body = (encoded.size() == 1) ? encoded.get(0) : Batch.pack(encoded);
		this.template.send(exchange, routingKey, toAmqp(body, null, (encoded.size() == 1) ? null : BATCH_TYPE));
	}

	/**
	 * As {@link #sendBatch(String, String, List)}, on the given channel: a publisher that must keep its
	 * messages in order publishes them all on one channel (RabbitMQ orders messages per channel only).
	 */
	public void sendBatch(Channel channel, String exchange, String routingKey, List<byte[]> encoded)
			throws IOException {
		if (encoded.isEmpty()) {
			return;
		}
		byte[] body = (encoded.size() == 1) ? encoded.get(0) : Batch.pack(encoded);
		MessageProperties properties = toAmqp(body, null, (encoded.size() == 1) ? null : BATCH_TYPE)
			.getMessageProperties();
		channel.basicPublish(exchange, routingKey, false,
				PROPERTIES.fromMessageProperties(properties, StandardCharsets.UTF_8.name()), body);
	}

	public org.springframework.amqp.core.Message toAmqp(Message message) {
		return toAmqp(this.codec.encode(message), message.header().msgId(), message.msgType());
	}

	private static org.springframework.amqp.core.Message toAmqp(byte[] body, String msgId, String msgType) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(CONTENT_TYPE);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(msgId);
		properties.setType(msgType);
		return new org.springframework.amqp.core.Message(body, properties);
	}

	public MessageCodec codec() {
		return this.codec;
	}

	public RabbitTemplate template() {
		return this.template;
	}

}
