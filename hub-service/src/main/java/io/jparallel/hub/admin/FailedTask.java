package io.jparallel.hub.admin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A task whose reply the audit recorded with status {@code error}, as the hub's dashboard lists it.
 *
 * @param msgId the request's id ({@code msgId@engineId} for one engine of a broadcast)
 * @param msgType the request's type, if its request was seen
 * @param engineId the engine that answered, if known
 * @param ename the error's name (an exception class, {@code TaskAborted}, ...), if any
 * @param evalue the error's message, if any
 * @param completed when it completed (the engine's time), else when the hub recorded it
 */
public record FailedTask(String msgId, @Nullable String msgType, @Nullable Integer engineId, @Nullable String ename,
		@Nullable String evalue, Instant completed) {
}
