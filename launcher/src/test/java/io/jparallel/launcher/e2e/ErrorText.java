package io.jparallel.launcher.e2e;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The error a call ends with, as one line for the figures a test prints. */
final class ErrorText {

	private ErrorText() {
	}

	static String of(ThrowingCallable call) {
		try {
			call.call();
			return "(no error)";
		}
		catch (Throwable ex) {
			return ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
	}

}
