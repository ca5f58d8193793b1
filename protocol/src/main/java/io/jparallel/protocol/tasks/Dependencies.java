package io.jparallel.protocol.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dependencies of a task on earlier ones, as they travel in metadata {@code after} / {@code follow}
 * and {@code after_mode} / {@code follow_mode}: entries separated by commas, each a msg id the scheduler
 * knows, or {@code msgId:ok:<engineId>} / {@code msgId:error:<engineId>} for a request the client
 * already knows finished (so the scheduler needs no memory of it); the mode says whether {@code all} or
 * {@code any} must be met, and whether a success, a failure, or either, meets one.
 *
 * @param entries the dependencies
 * @param all whether all must be met (else any one)
 * @param success whether a dependency that succeeded counts as met
 * @param failure whether a dependency that failed counts as met
 */
public record Dependencies(List<Entry> entries, boolean all, boolean success, boolean failure) {

	/** No dependencies. */
	public static final Dependencies NONE = new Dependencies(List.of(), true, true, false);

	public Dependencies {
		entries = List.copyOf(entries);
		if (!success && !failure) {
			throw new IllegalArgumentException("A dependency must be met by success, failure, or both");
		}
	}

	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * Reads metadata values.
	 * @throws IllegalArgumentException naming what is not understood
	 */
	public static Dependencies parse(String ids, String mode) {
		if (ids == null || ids.isBlank()) {
			return NONE;
		}
		List<Entry> entries = new ArrayList<>();
		for (String part : ids.split(",")) {
			if (!part.isBlank()) {
				entries.add(Entry.parse(part.strip()));
			}
		}
		boolean all = true;
		boolean success = false;
		boolean failure = false;
		boolean outcomeGiven = false;
		if (mode != null) {
			for (String token : mode.split(",")) {
				switch (token.strip().toLowerCase(Locale.ROOT)) {
					case "all" -> all = true;
					case "any" -> all = false;
					case "success" -> {
						success = true;
						outcomeGiven = true;
					}
					case "failure" -> {
						failure = true;
						outcomeGiven = true;
					}
					case "" -> {
					}
					default -> throw new IllegalArgumentException(
							"Unknown dependency mode '" + token.strip() + "' (expected all, any, success, failure)");
				}
			}
		}
		if (!outcomeGiven) {
			success = true;
		}
		return new Dependencies(entries, all, success, failure);
	}

	/** The metadata value of the entries. */
	public String idsValue() {
		List<String> parts = new ArrayList<>(this.entries.size());
		this.entries.forEach(entry -> parts.add(entry.toString()));
		return String.join(",", parts);
	}

	/** The metadata value of the mode. */
	public String modeValue() {
		List<String> tokens = new ArrayList<>(3);
		tokens.add(this.all ? "all" : "any");
		if (this.success) {
			tokens.add("success");
		}
		if (this.failure) {
			tokens.add("failure");
		}
		return String.join(",", tokens);
	}

	/** Whether a finished dependency with this outcome counts as met. */
	public boolean metBy(boolean succeeded) {
		return succeeded ? this.success : this.failure;
	}

	/**
	 * One dependency.
	 *
	 * @param msgId the request depended on
	 * @param finished whether the client says it finished ({@code succeeded} and {@code engineId} then say how)
	 * @param succeeded whether it succeeded
	 * @param engineId where it ran, or -1
	 */
	public record Entry(String msgId, boolean finished, boolean succeeded, int engineId) {

		public static Entry pending(String msgId) {
			return new Entry(msgId, false, false, -1);
		}

		public static Entry finished(String msgId, boolean succeeded, int engineId) {
			return new Entry(msgId, true, succeeded, engineId);
		}

		static Entry parse(String text) {
			String[] parts = text.split(":");
			if (parts.length == 1) {
				return pending(parts[0]);
			}
			if (parts.length == 3 && (parts[1].equals("ok") || parts[1].equals("error"))) {
				try {
					return finished(parts[0], parts[1].equals("ok"), Integer.parseInt(parts[2]));
				}
				catch (NumberFormatException ex) {
					// fall through to the error below
				}
			}
			throw new IllegalArgumentException(
					"Cannot read dependency '" + text + "' (expected msgId, msgId:ok:<engine> or msgId:error:<engine>)");
		}

		@Override
		public String toString() {
			return this.finished ? this.msgId + ":" + (this.succeeded ? "ok" : "error") + ":" + this.engineId : this.msgId;
		}

	}

}
