package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jparallel.launcher.process.ProcessTable;
import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * The directories of a profile, as IPython lays out {@code profile_<name>}: {@code log/} for service
 * output, {@code pid/} for pid files, {@code db/} for the hub's store, {@code security/} for connection
 * files, {@code rabbitmq/} for a private broker and {@code supervisor/} for the engine supervisor.
 *
 * @param profileDir the profile directory
 */
public record ClusterLayout(Path profileDir) {

	public ClusterLayout {
		profileDir = profileDir.toAbsolutePath().normalize();
	}

	public static ClusterLayout ofProfile(String profile) {
		return new ClusterLayout(ConnectionFiles.profileDir(profile));
	}

	public Path logDir() {
		return this.profileDir.resolve("log");
	}

	public Path pidDir() {
		return this.profileDir.resolve("pid");
	}

	public Path dbDir() {
		return this.profileDir.resolve("db");
	}

	public Path securityDir() {
		return this.profileDir.resolve("security");
	}

	public Path brokerDir() {
		return this.profileDir.resolve("rabbitmq");
	}

	/** The engine supervisor's state: each engine's command line and the record of restarts. */
	public Path supervisorDir() {
		return this.profileDir.resolve("supervisor");
	}

	public Path clientFile() {
		return ConnectionFiles.clientFile(this.profileDir);
	}

	public Path engineFile() {
		return ConnectionFiles.engineFile(this.profileDir);
	}

	public ProcessTable processTable() {
		return new ProcessTable(pidDir(), logDir());
	}

	/** Creates every directory; {@code security/} is private to the owner where the file system allows. */
	public void create() {
		try {
			for (Path dir : List.of(logDir(), pidDir(), dbDir(), securityDir(), brokerDir(), supervisorDir())) {
				Files.createDirectories(dir);
			}
			try {
				Files.setPosixFilePermissions(securityDir(),
						java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the files themselves are still written owner-only where possible
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create profile directory " + this.profileDir, ex);
		}
	}

}
