package io.jparallel.hub.admin;

import org.jspecify.annotations.Nullable;

/**
 * What an abort needs to know of one audit record: where its request went and whether it was answered.
 * A broadcast has one record per engine.
 *
 * @param msgId the request's id
 * @param route its route ({@code mux}, {@code task}, {@code broadcast}, {@code control}, {@code scheduler}),
 * or {@code null} if only its reply was seen
 * @param target the engine ids it was addressed to (comma-separated), if any
 * @param engineId the engine of this record, if known
 * @param answered whether its reply was recorded
 */
public record RecordedTask(String msgId, @Nullable String route, @Nullable String target, @Nullable Integer engineId,
		boolean answered) {
}
