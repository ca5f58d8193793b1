package io.jparallel.protocol.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;


/**
 * What identifies a running private node, saved as {@code node.properties} in its data directory so a
 * later {@code jpcluster stop}, in another JVM, can shut it down and free its ports.
 *
 * @param nodeName Erlang node name, {@code jp<port>@localhost}
 * @param port AMQP port on 127.0.0.1
 * @param distPort Erlang distribution port
 * @param epmdPort port of the node's own epmd; private so that stopping it never disturbs other nodes
 * @param pid pid of the {@code rabbitmq-server} script, the root of the node's process tree
 * @param startedAt start time of that process, so a recycled pid is never mistaken for the node
 * @param managementPort port of the management HTTP API on 127.0.0.1 (plugin {@code rabbitmq_management})
 * @param adminUser the node's one initial user, an administrator ({@code guest} is never created)
 * @param adminPassword that user's random password; the record file is readable by its owner only
 */
public record RabbitNodeRecord(String nodeName, int port, int distPort, int epmdPort, long pid, Instant startedAt,
		int managementPort, String adminUser, String adminPassword) {

	static final String FILE_NAME = "node.properties";

	/** The live root process of the node, if it still runs. */
	public Optional<ProcessHandle> process() {
		return ProcessHandle.of(this.pid)
			.filter(ProcessTrees::isRunning)
			.filter(h -> this.startedAt == null || h.info()
				.startInstant()
				.map(started -> started.toEpochMilli() == this.startedAt.toEpochMilli())
				.orElse(true));
	}

	/**
	 * The AMQP URI, without a trailing slash: {@code amqp://host:port/} would name the empty virtual host
	 * (RabbitMQ answers "vhost  not found"), while no path means the default vhost {@code /}.
	 */
	public String uri() {
		return "amqp://" + this.adminUser + ":" + this.adminPassword + "@127.0.0.1:" + this.port;
	}

	/**
	 * The management HTTP API's base URL, {@code http://127.0.0.1:<managementPort>}, or {@code null} for a
	 * node without the management plugin (port 0).
	 */
	public String managementUrl() {
		return (this.managementPort != 0) ? "http://127.0.0.1:" + this.managementPort : null;
	}

	@Override
	public String toString() {
		return "RabbitNodeRecord[" + this.nodeName + ", port " + this.port + ", management " + this.managementPort
				+ ", admin " + this.adminUser + ", pid " + this.pid + "]";
	}

	static Path file(Path dataDir) {
		return dataDir.resolve(FILE_NAME);
	}

	void write(Path dataDir) {
		Properties properties = new Properties();
		properties.setProperty("nodeName", this.nodeName);
		properties.setProperty("port", Integer.toString(this.port));
		properties.setProperty("distPort", Integer.toString(this.distPort));
		properties.setProperty("epmdPort", Integer.toString(this.epmdPort));
		properties.setProperty("pid", Long.toString(this.pid));
		if (this.startedAt != null) {
			properties.setProperty("startedAt", Long.toString(this.startedAt.toEpochMilli()));
		}
		properties.setProperty("managementPort", Integer.toString(this.managementPort));
		properties.setProperty("adminUser", this.adminUser);
		properties.setProperty("adminPassword", this.adminPassword);
		Path target = file(dataDir);
		Path tmp = target.resolveSibling(FILE_NAME + ".tmp");
		try {
			// the admin password: owner-only from the first byte
			Files.deleteIfExists(tmp);
			Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
		try (Writer writer = Files.newBufferedWriter(tmp)) {
			properties.store(writer, "private RabbitMQ node started by jpcluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
		try {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
	}

	static Optional<RabbitNodeRecord> read(Path dataDir) {
		Path file = file(dataDir);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
			String startedAt = properties.getProperty("startedAt");
			return Optional.of(new RabbitNodeRecord(properties.getProperty("nodeName"),
					Integer.parseInt(properties.getProperty("port")),
					Integer.parseInt(properties.getProperty("distPort")),
					Integer.parseInt(properties.getProperty("epmdPort")), Long.parseLong(properties.getProperty("pid")),
					(startedAt != null) ? Instant.ofEpochMilli(Long.parseLong(startedAt)) : null,
					Integer.parseInt(properties.getProperty("managementPort", "0")),
					properties.getProperty("adminUser", "guest"), properties.getProperty("adminPassword", "guest")));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	static void delete(Path dataDir) {
		try {
			Files.deleteIfExists(file(dataDir));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + file(dataDir), ex);
		}
	}

}
