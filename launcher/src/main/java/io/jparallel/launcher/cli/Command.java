package io.jparallel.launcher.cli;

import java.nio.file.Path;

import io.jparallel.launcher.cluster.ClusterOptions;

/** A parsed {@code jpcluster} command. */
public sealed interface Command {

	/** {@code jpcluster start}. */
	record Start(ClusterOptions options) implements Command {
	}

	/** {@code jpcluster stop}. */
	record Stop(Path profileDir) implements Command {
	}

	/** {@code jpcluster status}. */
	record Status(Path profileDir) implements Command {
	}

	/** {@code jpcluster help}, {@code -h} or {@code --help}. */
	record Help() implements Command {
	}

}
