package io.jparallel.hub.query;

import java.util.Objects;

/**
 * One test of a query: a field, an operator and its value, read for the field's kind: a {@code String},
 * {@code Long} or {@code java.time.Instant}; a {@code List} of them for {@code $in}/{@code $nin}; a
 * {@code Boolean} for {@code $exists}; {@code null} for {@code $eq}/{@code $ne} of a missing value.
 *
 * @param field the field
 * @param operator the operator
 * @param value the value
 */
public record Condition(TaskFields.Field field, Operator operator, Object value) {

	public Condition {
		Objects.requireNonNull(field, "field is required");
		Objects.requireNonNull(operator, "operator is required");
	}

}
