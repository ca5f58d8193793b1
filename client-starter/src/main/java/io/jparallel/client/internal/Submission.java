package io.jparallel.client.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.jparallel.protocol.Message;

/**
 * One request on its way: its id, when it was sent, the engine it was addressed to (or -1 for
 * load-balanced), and the reply to come.
 */
public record Submission(String msgId, Instant submitted, int target, CompletableFuture<Message> reply) {
}
