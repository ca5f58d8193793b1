package io.jparallel.protocol.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes and reads instants as ISO-8601 text in UTC, as {@link Instant#toString()} and {@link Instant#parse}
 * do, without {@code java.time.format}: a reply carries two such timestamps, which the engine writes and the
 * client and the hub read for every task. {@code DateTimeFormatter} spent about 10 µs on each once compiled,
 * and its code was a large part of what the JIT compiled in a client's first thousands of tasks.
 * <p>
 * {@link #format} gives exactly {@code Instant.toString()}'s text (seconds always, and a fraction of 3, 6 or 9
 * digits when there is one); {@link #parse} reads {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} itself and hands
 * any other text (offsets, leap seconds, other years) to {@link Instant#parse}, so it accepts what that
 * accepts and rejects what it rejects.
 */
public final class IsoInstants {

	private static final int SECONDS_PER_DAY = 86_400;

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private IsoInstants() {
	}

	/** The instant as {@link Instant#toString()} writes it. */
	public static String format(Instant instant) {
		LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		int year = utc.getYear();
		if (year < 0 || year > 9999) {
			return instant.toString();
		}
		int nano = instant.getNano();
		char[] text = new char[30];
		int at = digits(text, 0, year, 4);
		text[at++] = '-';
		at = digits(text, at, utc.getMonthValue(), 2);
		text[at++] = '-';
		at = digits(text, at, utc.getDayOfMonth(), 2);
		text[at++] = 'T';
		at = digits(text, at, utc.getHour(), 2);
		text[at++] = ':';
		at = digits(text, at, utc.getMinute(), 2);
		text[at++] = ':';
		at = digits(text, at, utc.getSecond(), 2);
		if (nano > 0) {
			text[at++] = '.';
			if (nano % 1_000_000 == 0) {
				at = digits(text, at, nano / 1_000_000, 3);
			}
			else if (nano % 1_000 == 0) {
				at = digits(text, at, nano / 1_000, 6);
			}
			else {
				at = digits(text, at, nano, 9);
			}
		}
		text[at++] = 'Z';
		return new String(text, 0, at);
	}

	/**
	 * The instant the text stands for, as {@link Instant#parse} reads it.
	 * @throws java.time.format.DateTimeParseException if it is not an ISO-8601 instant
	 */
	public static Instant parse(CharSequence text) {
		Instant instant = parseCommon(text);
		return (instant != null) ? instant : Instant.parse(text);
	}

	/** {@code yyyy-MM-ddTHH:mm:ss[.d{1,9}]Z} with every field in range, or {@code null} for anything else. */
	private static Instant parseCommon(CharSequence text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 2);
		int day = number(text, 8, 2);
		int hour = number(text, 11, 2);
		int minute = number(text, 14, 2);
		int second = number(text, 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int nano = 0;
		if (length > 20) {
			int fraction = length - 21;
			if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
				return null;
			}
			nano = number(text, 20, fraction);
			if (nano < 0) {
				return null;
			}
			nano *= POWERS_OF_TEN[9 - fraction];
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
	}

	/** The decimal number of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
	private static int number(CharSequence text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static int digits(char[] text, int at, int value, int count) {
		int remaining = value;
		for (int i = at + count - 1; i >= at; i--) {
			text[i] = (char) ('0' + remaining % 10);
			remaining /= 10;
		}
		return at + count;
	}

}
