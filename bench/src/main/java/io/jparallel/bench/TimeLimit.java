package io.jparallel.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a workload on its own daemon thread with a time limit, so a bug that never answers cannot hang the
 * whole benchmark: on timeout the thread is interrupted and abandoned, and the runner goes on.
 */
public final class TimeLimit {

	private TimeLimit() {
	}

	/** Thrown when a workload ran over its limit. */
	public static final class Exceeded extends RuntimeException {

		public Exceeded(String what, Duration limit) {
			super(what + " timed out after " + limit.toSeconds() + " s");
		}

	}

	public static <T> T run(String what, Duration limit, Callable<T> work) throws Exception {
		FutureTask<T> task = new FutureTask<>(work);
		Thread thread = new Thread(task, "workload-" + what);
		thread.setDaemon(true);
		thread.start();
		try {
			return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			throw new Exceeded(what, limit);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception e) {
				throw e;
			}
			throw new IllegalStateException(cause);
		}
	}

	/** One line describing an error: its class and message, and the first cause if it says more. */
	public static String describe(Throwable error) {
		StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
		if (error.getMessage() != null) {
			text.append(": ").append(error.getMessage());
		}
		Throwable cause = error.getCause();
		if (cause != null && cause != error && cause.getMessage() != null
				&& (error.getMessage() == null || !error.getMessage().contains(cause.getMessage()))) {
			text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage())
				.append(')');
		}
		return text.toString().replace('\n', ' ').replaceAll("\\s+", " ").trim();
	}

}
