package io.jparallel.protocol.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where connection files live and how they are read and written. A profile directory is
 * {@code $JPARALLEL_DIR/profile_<name>} ({@code JPARALLEL_DIR} defaults to {@code ~/.jparallel});
 * its {@code security} folder holds {@code jparallel-client.json} and {@code jparallel-engine.json},
 * readable by the owner only.
 */
public final class ConnectionFiles {

	public static final String CLIENT_FILE = "jparallel-client.json";

	public static final String ENGINE_FILE = "jparallel-engine.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ConnectionFiles() {
	}

	/** The base directory: {@code $JPARALLEL_DIR}, or {@code ~/.jparallel}. */
	public static Path baseDir() {
		String configured = System.getenv("JPARALLEL_DIR");
		if (configured == null || configured.isBlank()) {
			configured = System.getProperty("jparallel.dir");
		}
		return (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".jparallel");
	}

	/** The directory of a profile ({@code default} unless {@code JPARALLEL_PROFILE} says otherwise). */
	public static Path profileDir(String profile) {
		return baseDir().resolve("profile_" + profile);
	}

	public static String defaultProfile() {
		String profile = System.getenv("JPARALLEL_PROFILE");
		return (profile != null && !profile.isBlank()) ? profile : "default";
	}

	public static Path clientFile(Path profileDir) {
		return profileDir.resolve("security").resolve(CLIENT_FILE);
	}

	public static Path engineFile(Path profileDir) {
		return profileDir.resolve("security").resolve(ENGINE_FILE);
	}

	public static ConnectionInfo read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No connection file at " + file
					+ ": start a cluster with 'jpcluster start -n 4' or pass the broker and key explicitly");
		}
		try {
			return JSON.readValue(Files.readString(file), ConnectionInfo.class);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot read connection file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Writes the file atomically, readable and writable by the owner only. */
	public static void write(Path file, ConnectionInfo info) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(tmp);
			Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write connection file " + file, ex);
		}
	}

}
