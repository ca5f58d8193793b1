package io.jparallel.engine.kernel;

import java.util.Objects;

/**
 * What running a code string produced: {@code ok} with the display value of the last expression
 * (if the code ended with one), or {@code error} with the exception's name, message and traceback
 * (the shape of an IPython error reply).
 *
 * @param status whether all snippets ran
 * @param display the last expression's value as JShell shows it, or {@code null}
 * @param ename the exception class name, {@code CompilationError} or {@code UnresolvedReferenceException}
 * @param evalue the exception message
 * @param traceback the stack trace or compiler diagnostics as text
 */
public record ExecutionOutcome(Status status, String display, String ename, String evalue, String traceback) {

	/** Whether the code ran to the end. */
	public enum Status {

		OK, ERROR

	}

	public ExecutionOutcome {
		Objects.requireNonNull(status, "status must not be null");
		if (status == Status.ERROR) {
			Objects.requireNonNull(ename, "an error outcome needs an ename");
		}
	}

	public static ExecutionOutcome success(String display) {
		return new ExecutionOutcome(Status.OK, display, null, null, null);
	}

	public static ExecutionOutcome failure(String ename, String evalue, String traceback) {
		return new ExecutionOutcome(Status.ERROR, null, ename, evalue, traceback);
	}

	/** Whether the code ran to the end. */
	public boolean ok() {
		return this.status == Status.OK;
	}

}
