package io.jparallel.launcher.cli;

/** Exit codes of {@code jpcluster}, stable so that scripts can branch on them. */
public enum ExitCode {

	/** Done; for {@code status}: the cluster runs. */
	OK(0),

	/** Something failed; the message says what. */
	FAILURE(1),

	/** Bad command line. */
	USAGE(2),

	/** {@code status}: no process of the cluster runs. */
	NOT_RUNNING(3),

	/** {@code start}: the profile's cluster already runs. */
	ALREADY_RUNNING(4);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
