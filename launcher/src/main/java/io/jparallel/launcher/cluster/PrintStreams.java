package io.jparallel.launcher.cluster;

import java.io.OutputStream;
import java.io.PrintStream;

/** Output sinks for callers that want no progress lines. */
public final class PrintStreams {

	/** Discards everything. */
	public static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

	private PrintStreams() {
	}

}
