package io.jparallel.protocol.broker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds or time runs out. Neither protocol nor the launcher has Awaitility
 * on its runtime classpath (the launcher must start fast and stay small), so this is the one place that polls.
 */
public final class Waits {

	private Waits() {
	}

	/** Returns whether the condition held before the timeout. */
	public static boolean until(BooleanSupplier condition, Duration timeout, Duration pollInterval) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			pause(pollInterval);
		}
	}

	/** Waits between two polls; interrupting the thread ends the wait early but keeps the flag. */
	public static void pause(Duration interval) {
		try {
			Thread.sleep(interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
