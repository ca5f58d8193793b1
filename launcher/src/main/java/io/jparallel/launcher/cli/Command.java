package io.jparallel.launcher.cli;

import java.nio.file.Path;

import io.jparallel.launcher.cluster.ClusterOptions;
import io.jparallel.launcher.cluster.EngineRestarts;

/** A parsed {@code jpcluster} command. */
public sealed interface Command {

	/** {@code jpcluster start}. */
	record Start(ClusterOptions options, EngineRestarts restarts, int schedulers) implements Command {

		public Start(ClusterOptions options) {
			this(options, EngineRestarts.DEFAULT, 1);
		}

	}

	/** {@code jpcluster supervise}: the engine supervisor {@code start} launches; not for users to run. */
	record Supervise(Path profileDir, EngineRestarts restarts) implements Command {
	}

	/** {@code jpcluster stop}. */
	record Stop(Path profileDir) implements Command {
	}

	/** {@code jpcluster status}. */
	record Status(Path profileDir) implements Command {
	}

	/** {@code jpcluster console}: a JShell connected to the profile's cluster, with the %px magics. */
	record Console(Path profileDir) implements Command {
	}

	/** {@code jpcluster kernel CONNECTION_FILE}: a Jupyter kernel connected to the profile's cluster. */
	record Kernel(Path connectionFile, Path profileDir) implements Command {
	}

	/**
	 * {@code jpcluster kernel install [--prefix DIR]}: writes the kernelspec; {@code profileDir} is the
	 * profile its kernels connect to, {@code null} for the default at kernel start.
	 */
	record KernelInstall(Path prefix, Path profileDir) implements Command {
	}

	/** {@code jpcluster help}, {@code -h} or {@code --help}. */
	record Help() implements Command {
	}

}
