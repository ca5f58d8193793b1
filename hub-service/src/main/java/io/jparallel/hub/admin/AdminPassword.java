package io.jparallel.hub.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The admin user's password: the configured one, or one generated at start and written to
 * {@code <profile-dir>/security/hub-admin.password} (owner read/write only), where operators and
 * {@code jpcluster} read it. The password itself is never logged; {@link #toString()} hides it.
 *
 * @param value the password
 * @param file where it was written, or {@code null} if it was configured
 */
public record AdminPassword(String value, @Nullable Path file) {

	/** The admin user's name. */
	public static final String USERNAME = "admin";

	/** The file a generated password is written to, in the profile's {@code security} folder. */
	public static final String FILE_NAME = "hub-admin.password";

	private static final int RANDOM_BYTES = 24;

	public AdminPassword {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The admin password must not be blank");
		}
	}

	/**
	 * The configured password if there is one, else a fresh one written under the profile directory.
	 * @param configured {@code jparallel.hub.admin-password}, or {@code null}
	 * @param profileDir {@code jparallel.profile-dir}; required when no password is configured
	 * @param random the source of a generated password
	 */
	public static AdminPassword configuredOrGenerated(@Nullable String configured, @Nullable Path profileDir,
			SecureRandom random) {
		if (configured != null && !configured.isBlank()) {
			return new AdminPassword(configured, null);
		}
		if (profileDir == null) {
			throw new IllegalStateException("Set jparallel.hub.admin-password, or jparallel.profile-dir for the hub to"
					+ " write a generated one to <profile-dir>/security/" + FILE_NAME);
		}
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Path file = profileDir.resolve("security").resolve(FILE_NAME);
		write(file, generated);
		return new AdminPassword(generated, file);
	}

	/** Writes atomically: a new file created owner-only, then moved over the old one. */
	private static void write(Path file, String password) {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			if (!Files.isDirectory(file.getParent())) {
				Files.createDirectories(file.getParent(), posix ? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
						: new FileAttribute<?>[0]);
			}
			Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(tmp);
			if (posix) {
				Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(tmp);
			}
			Files.writeString(tmp, password, StandardCharsets.UTF_8);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the hub's admin password to " + file, ex);
		}
	}

	@Override
	public String toString() {
		return "AdminPassword[" + ((this.file != null) ? "generated, in " + this.file : "configured") + "]";
	}

}
