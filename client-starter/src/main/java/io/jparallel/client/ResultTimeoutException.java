package io.jparallel.client;

import java.time.Duration;

/** A result was not ready within the time asked for; the request goes on running. */
public class ResultTimeoutException extends JParallelException {

	public ResultTimeoutException(Duration timeout, int ready, int total) {
		super("Result not ready after " + timeout.toMillis() + " ms (" + ready + " of " + total + " replies arrived)");
	}

}
