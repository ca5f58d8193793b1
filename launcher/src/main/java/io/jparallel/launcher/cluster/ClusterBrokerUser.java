package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import io.jparallel.protocol.broker.BootUser;
import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * A cluster's own broker user, {@code jp-<clusterId>} with a random password, in a virtual host of the
 * cluster's own, also {@code jp-<clusterId>}: no other cluster's exchanges and queues are there, so not even
 * the default exchange (which direct reply-to replies, {@code amq.rabbitmq.reply-to}, travel through, so the
 * user must write to it) reaches them. Within it the user may configure, write and read only the cluster's
 * names (every one starts {@code jp.<clusterId>.}) and write to the default exchange. Only this user's
 * credentials go into the connection files; the administrator's stay with {@code jpcluster}, recorded
 * owner-only in {@code security/broker-user.properties} so that {@code jpcluster stop} can delete the user
 * and its virtual host again.
 *
 * @param name the user name
 * @param password its password
 * @param vhost the cluster's virtual host, where its permissions are
 */
public record ClusterBrokerUser(String name, String password, String vhost) {

	/** What {@code jpcluster stop} needs to delete the user, under the profile's {@code security} folder. */
	public static final String RECORD_FILE = "broker-user.properties";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The user name of a cluster. */
	public static String nameFor(String clusterId) {
		return "jp-" + clusterId;
	}

	/** Permission pattern of the cluster's resources, {@code ^jp\.<clusterId>\..*}. */
	public static String resourcePattern(String clusterId) {
		return "^jp\\." + clusterId.replaceAll("([^A-Za-z0-9_-])", "\\\\$1") + "\\..*";
	}

	/**
	 * Creates the cluster's user on the broker whose administrator is in {@code adminUri}, and records it in
	 * {@code layout} for {@link #deleteRecorded}.
	 */
	public static ClusterBrokerUser create(ClusterLayout layout, String clusterId, String adminUri,
			@Nullable String managementUrl, @Nullable String caPem) {
		ClusterBrokerUser user = newFor(clusterId);
		user.createOn(layout, clusterId, adminUri, managementUrl, caPem);
		return user;
	}

	/** The cluster's user with a new random password, not created on any broker yet. */
	public static ClusterBrokerUser newFor(String clusterId) {
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		return new ClusterBrokerUser(nameFor(clusterId), Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
				nameFor(clusterId));
	}

	/**
	 * Creates this user and its virtual host on the broker whose administrator is in {@code adminUri}, and
	 * records it in {@code layout} for {@link #deleteRecorded}.
	 */
	public void createOn(ClusterLayout layout, String clusterId, String adminUri, @Nullable String managementUrl,
			@Nullable String caPem) {
		BrokerUsers users = BrokerUsers.forAdminUri(adminUri, managementUrl, caPem);
		String own = resourcePattern(clusterId);
		String[] admin = BrokerUsers.credentials(URI.create(adminUri));
		record(layout, users.managementUrl().toString(), admin[0], admin[1], this.name, this.vhost);
		users.createVirtualHost(this.vhost);
		users.create(this.name, this.password, this.vhost, own, writePattern(own), own);
	}

	/**
	 * This user as a private node has it from its first boot: the same virtual host and permissions
	 * {@link #createOn} gives it on a broker through the management API.
	 */
	public BootUser asBootUser(String clusterId) {
		String own = resourcePattern(clusterId);
		return new BootUser(this.name, this.password, this.vhost, own, writePattern(own), own);
	}

	private static String writePattern(String own) {
		return "(" + own + ")|^amq\\.default$";
	}

	/** {@code adminUri} with this user's credentials and virtual host instead of the administrator's. */
	public String brokerUri(String adminUri) {
		URI uri = URI.create(adminUri);
		try {
			URI withUser = new URI(uri.getScheme(), this.name + ":" + this.password, uri.getHost(), uri.getPort(),
					"/" + this.vhost, uri.getQuery(), null);
			return withUser.toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Invalid broker URI: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Deletes the user recorded in the profile, if any, its virtual host (with whatever queues are left in it)
	 * and the record. Returns the user's name if it was
	 * deleted; a broker that is gone or unreachable is reported as a warning on {@code out}, not an error.
	 */
	public static Optional<String> deleteRecorded(Path profileDir, java.io.PrintStream out) {
		Path file = recordFile(profileDir);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		String caPem = null;
		try {
			caPem = ConnectionFiles.read(ConnectionFiles.engineFile(profileDir)).brokerCaCertificate();
		}
		catch (RuntimeException ex) {
			// no CA then: an https management API must be trusted by the JVM
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			out.println("cannot read " + file + ": " + ex.getMessage());
			return Optional.empty();
		}
		String user = properties.getProperty("user");
		String vhost = properties.getProperty("vhost");
		try {
			BrokerUsers users = new BrokerUsers(properties.getProperty("managementUrl"),
					properties.getProperty("adminUser"), properties.getProperty("adminPassword"), caPem);
			users.delete(user);
			if (vhost != null && !vhost.equals("/")) {
				users.deleteVirtualHost(vhost);
			}
			Files.deleteIfExists(file);
			return Optional.of(user);
		}
		catch (RuntimeException | IOException ex) {
			out.println("could not delete broker user " + user + ": " + ex.getMessage());
			return Optional.empty();
		}
	}

	static Path recordFile(Path profileDir) {
		return profileDir.resolve("security").resolve(RECORD_FILE);
	}

	private static void record(ClusterLayout layout, String managementUrl, String adminUser, String adminPassword,
			String user, String vhost) {
		Properties properties = new Properties();
		properties.setProperty("managementUrl", managementUrl);
		properties.setProperty("adminUser", adminUser);
		properties.setProperty("adminPassword", adminPassword);
		properties.setProperty("user", user);
		properties.setProperty("vhost", vhost);
		Path file = recordFile(layout.profileDir());
		Path tmp = file.resolveSibling(RECORD_FILE + ".tmp");
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(tmp);
			Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			try (Writer writer = Files.newBufferedWriter(tmp)) {
				properties.store(writer, "the cluster's broker user, deleted by jpcluster stop");
			}
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	@Override
	public String toString() {
		return "ClusterBrokerUser[" + this.name + ", vhost " + this.vhost + "]";
	}

}
