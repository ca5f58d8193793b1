package io.jparallel.protocol.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jparallel.protocol.json.JsonDocuments;

/**
 * Where connection files live and how they are read and written. A profile directory is
 * {@code $JPARALLEL_DIR/profile_<name>} ({@code JPARALLEL_DIR} defaults to {@code ~/.jparallel});
 * its {@code security} folder holds {@code jparallel-client.json} and {@code jparallel-engine.json},
 * readable by the owner only.
 */
public final class ConnectionFiles {

	public static final String CLIENT_FILE = "jparallel-client.json";

	public static final String ENGINE_FILE = "jparallel-engine.json";

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
			return fromJson(Files.readString(file));
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
			Files.writeString(tmp, toJson(info));
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write connection file " + file, ex);
		}
	}

	/**
	 * The connection file's JSON object: the fields of {@link ConnectionInfo} by name, the optional ones left
	 * out when unset. Read with {@link #fromJson}.
	 */
	public static String toJson(ConnectionInfo info) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("clusterId", info.clusterId());
		fields.put("brokerUri", info.brokerUri());
		fields.put("key", info.key());
		putIfSet(fields, "registryUrl", info.registryUrl());
		putIfSet(fields, "hubUrl", info.hubUrl());
		putIfSet(fields, "brokerCaCertificate", info.brokerCaCertificate());
		putIfSet(fields, "hubAdminUser", info.hubAdminUser());
		putIfSet(fields, "hubAdminPassword", info.hubAdminPassword());
		return JsonDocuments.writePretty(fields);
	}

	/**
	 * A connection file's content; fields it does not know are ignored.
	 * @throws IllegalArgumentException if it is not a JSON object, a field is not a string, or a required one
	 * is missing or invalid
	 */
	public static ConnectionInfo fromJson(String json) {
		Map<String, Object> fields = JsonDocuments.parseObject(json);
		return new ConnectionInfo(text(fields, "clusterId"), text(fields, "brokerUri"), text(fields, "key"),
				text(fields, "registryUrl"), text(fields, "hubUrl"), text(fields, "brokerCaCertificate"),
				text(fields, "hubAdminUser"), text(fields, "hubAdminPassword"));
	}

	private static void putIfSet(Map<String, String> fields, String name, String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

	private static String text(Map<String, Object> fields, String name) {
		Object value = fields.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new IllegalArgumentException("'" + name + "' must be a string, not " + JsonDocuments.describe(value));
	}

}
