package io.jparallel.hub.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.jparallel.protocol.time.IsoInstants;

/** Reading the string values of messages for records. */
final class Texts {

	private Texts() {
	}

	static String truncate(String value, int length) {
		return (value != null && value.length() > length) ? value.substring(0, length) : value;
	}

	/** An integer, or {@code null} if absent or not one. */
	static Integer parseInt(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** An ISO-8601 instant, or {@code null} if absent or not one. */
	static Instant parseInstant(String value) {
		try {
			return (value != null) ? IsoInstants.parse(value.strip()) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
