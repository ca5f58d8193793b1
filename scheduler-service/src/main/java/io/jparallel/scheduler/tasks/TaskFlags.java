package io.jparallel.scheduler.tasks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.tasks.Dependencies;
import io.jparallel.protocol.tasks.Requirement;

/**
 * What a task asks of the scheduler, read from its metadata: dependencies in time ({@code after}) and
 * place ({@code follow}), the engines it may run on ({@code targets}, {@code require}), how long it may
 * wait to start ({@code timeout}), how often to retry it ({@code retries}) and a {@code label}.
 *
 * @param after time dependencies
 * @param follow location dependencies
 * @param targets the engine ids it may run on, or {@code null} for any
 * @param requirement the properties an engine must have
 * @param timeout how long it may wait to start, or {@code null}
 * @param retries how many times to resubmit it after a failure
 * @param label a free label, or {@code null}
 */
public record TaskFlags(Dependencies after, Dependencies follow, Set<Integer> targets, Requirement requirement,
		Duration timeout, int retries, String label) {

	/** A task that asks nothing. */
	public static final TaskFlags NONE = new TaskFlags(Dependencies.NONE, Dependencies.NONE, null, Requirement.any(),
			null, 0, null);

	/**
	 * Reads the flags of a task request (or of its first chunk, which carries the same metadata).
	 * @throws IllegalArgumentException naming the flag that is not understood
	 */
	public static TaskFlags of(Message request) {
		Dependencies after = Dependencies.parse(request.metadata(MetadataKeys.AFTER),
				request.metadata(MetadataKeys.AFTER_MODE));
		Dependencies follow = Dependencies.parse(request.metadata(MetadataKeys.FOLLOW),
				request.metadata(MetadataKeys.FOLLOW_MODE));
		Set<Integer> targets = targets(request.metadata(MetadataKeys.TARGETS));
		Requirement requirement = Requirement.parse(request.metadata(MetadataKeys.REQUIRE));
		Duration timeout = timeout(request.metadata(MetadataKeys.TIMEOUT));
		int retries = retries(request.metadata(MetadataKeys.RETRIES));
		return new TaskFlags(after, follow, targets, requirement, timeout, retries,
				request.metadata(MetadataKeys.LABEL));
	}

	/** The flags the {@code pure} scheme cannot honour, named for the refusal; empty if none. */
	public String unsupportedByPure() {
		StringBuilder names = new StringBuilder();
		if (!this.after.isEmpty()) {
			names.append("after ");
		}
		if (!this.follow.isEmpty()) {
			names.append("follow ");
		}
		if (this.targets != null) {
			names.append("targets ");
		}
		if (!this.requirement.isAny()) {
			names.append("require ");
		}
		if (this.timeout != null) {
			names.append("timeout ");
		}
		if (this.retries > 0) {
			names.append("retries ");
		}
		return names.toString().strip().replace(" ", ", ");
	}

	private static Set<Integer> targets(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Set<Integer> ids = new LinkedHashSet<>();
		for (String part : value.split(",")) {
			try {
				ids.add(Integer.valueOf(part.strip()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("targets must be engine ids, comma-separated, was '" + value + "'");
			}
		}
		return Collections.unmodifiableSet(ids);
	}

	private static Duration timeout(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(value.strip());
			if (seconds.signum() <= 0) {
				throw new IllegalArgumentException("timeout must be positive seconds, was " + value);
			}
			return Duration.ofNanos(seconds.movePointRight(9).longValue());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("timeout must be seconds, was '" + value + "'");
		}
	}

	private static int retries(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		try {
			int retries = Integer.parseInt(value.strip());
			if (retries < 0) {
				throw new IllegalArgumentException("retries must be 0 or more, was " + value);
			}
			return retries;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("retries must be a whole number, was '" + value + "'");
		}
	}

}
