package io.jparallel.protocol.amqp;

import io.jparallel.protocol.Message;

/**
 * A verified message and the signed bytes it came as, so it can be forwarded unchanged.
 *
 * @param message the decoded message
 * @param encoded its signed bytes
 */
public record Accepted(Message message, byte[] encoded) {
}
