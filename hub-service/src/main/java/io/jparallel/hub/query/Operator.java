package io.jparallel.hub.query;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The operators of a query, ipyparallel's (MongoDB's) names. */
public enum Operator {

	EQ("$eq"), NE("$ne"), LT("$lt"), GT("$gt"), LTE("$lte"), GTE("$gte"), IN("$in"), NIN("$nin"), EXISTS("$exists"),
	GLOB("$glob");

	private final String token;

	Operator(String token) {
		this.token = token;
	}

	public String token() {
		return this.token;
	}

	/**
	 * The operator written {@code token}.
	 * @throws InvalidQueryException if there is none
	 */
	public static Operator of(String token, String field) {
		for (Operator operator : values()) {
			if (operator.token.equals(token)) {
				return operator;
			}
		}
		throw new InvalidQueryException("unknown operator '" + token + "' on field '" + field + "' (operators: "
				+ Arrays.stream(values()).map(Operator::token).collect(Collectors.joining(" ")) + ")");
	}

	/** Whether it orders values: {@code $lt $gt $lte $gte}. */
	public boolean comparison() {
		return this == LT || this == GT || this == LTE || this == GTE;
	}

}
