package io.jparallel.protocol.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.broker.LogTail;

/**
 * The PostgreSQL server for every database test of a JVM. If {@code JPARALLEL_TEST_POSTGRES_URL} is set
 * (a JDBC URL of a database whose user may create databases, user and password as URL parameters) that
 * server is used; otherwise one private server is started on first use: {@code initdb} into a temporary
 * directory and {@code pg_ctl start} on a free loopback port, its unix socket in that directory too, and
 * stopped (only the server it started) when the JVM exits. PostgreSQL refuses to run as root, so as root
 * the server runs as the {@code postgres} user ({@code runuser}). Tests isolate themselves with a database
 * of their own:
 * <pre>{@code
 * TestPostgres.Database db = TestPostgres.createDatabase();
 * properties.add("spring.datasource.url", db::url);
 * properties.add("spring.datasource.username", db::username);
 * properties.add("spring.datasource.password", db::password);
 * }</pre>
 * Where PostgreSQL is not installed, this fails saying to run {@code scripts/install-prereqs.sh}.
 */
public final class TestPostgres {

	/** Names an external server for tests instead of a private one. */
	public static final String URL_VARIABLE = "JPARALLEL_TEST_POSTGRES_URL";

	/** Names the directory of {@code initdb} and {@code pg_ctl} instead of the newest under {@code /usr/lib/postgresql}. */
	public static final String BIN_VARIABLE = "JPARALLEL_POSTGRES_BIN";

	private static final String USER = "jparallel";

	private static final String PASSWORD = "jparallel";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

	private static Server server;

	private TestPostgres() {
	}

	/**
	 * A database of one's own.
	 *
	 * @param name its name
	 * @param url its JDBC URL
	 * @param username the user it belongs to
	 * @param password that user's password
	 */
	public record Database(String name, String url, String username, String password) {
	}

	/** A new, empty database, starting the private server on first call. */
	public static Database createDatabase() {
		Server current = server();
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		String name = "t" + HexFormat.of().formatHex(bytes);
		try (Connection connection = DriverManager.getConnection(current.adminUrl(), current.username(),
				current.password()); Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database " + name + " on " + current.adminUrl() + ": "
					+ ex.getMessage(), ex);
		}
		return new Database(name, current.urlOf(name), current.username(), current.password());
	}

	/** The JDBC URL of the server's maintenance database, starting the private server on first call. */
	public static String adminUrl() {
		return server().adminUrl();
	}

	/** The port of the private server, if this JVM started one (not when an external server is used). */
	public static synchronized Optional<Integer> privatePort() {
		return Optional.ofNullable(server).filter(s -> s.dataDir() != null).map(Server::port);
	}

	private static synchronized Server server() {
		if (server == null) {
			String external = System.getenv(URL_VARIABLE);
			server = (external != null && !external.isBlank()) ? Server.external(external.strip()) : startPrivate();
		}
		return server;
	}

	/** Where PostgreSQL's programs are: {@value #BIN_VARIABLE}, else the newest {@code /usr/lib/postgresql/<version>/bin}. */
	public static Optional<Path> binDir() {
		String configured = System.getenv(BIN_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(TestPostgres::hasPrograms);
		}
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map(version -> version.resolve("bin"))
				.filter(TestPostgres::hasPrograms)
				.max(Comparator.comparing(TestPostgres::version));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean hasPrograms(Path bin) {
		return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
				&& Files.isExecutable(bin.resolve("postgres"));
	}

	private static int version(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Server startPrivate() {
		Path bin = binDir().orElseThrow(() -> new IllegalStateException(
				"PostgreSQL is not installed (no initdb, pg_ctl and postgres under /usr/lib/postgresql/*/bin"
						+ " or $" + BIN_VARIABLE + "): run scripts/install-prereqs.sh, or point " + URL_VARIABLE
						+ " at a server"));
		Path dir;
		try {
			dir = Files.createTempDirectory("jparallel-test-postgres-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Server started = Server.start(bin, dir);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			started.stop();
			deleteQuietly(dir);
		}, "test-postgres-stop"));
		return started;
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temp directory left behind is harmless
		}
	}

	/** A running server: the private one, or an external one ({@code dataDir} {@code null}). */
	private record Server(String adminUrl, String username, String password, int port, Path bin, Path dataDir,
			Path dir, boolean asPostgresUser, long pid) {

		static Server external(String url) {
			Matcher matcher = JDBC_URL.matcher(url);
			if (!matcher.matches()) {
				throw new IllegalStateException(URL_VARIABLE + " must be jdbc:postgresql://host[:port]/database[?user=..."
						+ "&password=...], was " + url);
			}
			return new Server(url, null, null, -1, null, null, null, false, -1);
		}

		/** Runs initdb and pg_ctl start, and returns once the server accepts connections. */
		static Server start(Path bin, Path dir) {
			boolean asPostgresUser = isRoot();
			Path data = dir.resolve("data");
			Path log = dir.resolve("postgres.log");
			int port = FreePorts.pick();
			try {
				Files.createDirectories(dir.resolve("socket"));
				Files.writeString(dir.resolve("password"), PASSWORD + "\n");
				if (asPostgresUser) {
					chownToPostgres(dir);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot prepare " + dir + " for PostgreSQL", ex);
			}
			run(dir, asPostgresUser, Duration.ofSeconds(120), bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
					USER, "--pwfile=" + dir.resolve("password"), "--auth=scram-sha-256", "-E", "UTF8", "--no-locale",
					"--no-sync");
			String options = "-p " + port + " -k " + dir.resolve("socket") + " -c listen_addresses=127.0.0.1"
					+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
			try {
				run(dir, asPostgresUser, START_TIMEOUT.plusSeconds(10), bin.resolve("pg_ctl").toString(), "-D",
						data.toString(), "-l", log.toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()), "-o",
						options, "start");
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException(ex.getMessage() + "\n" + LogTail.format(log, 30), ex);
			}
			long pid = postmasterPid(data);
			return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD, port, bin, data, dir,
					asPostgresUser, pid);
		}

		/** The JDBC URL of another database of this server. */
		String urlOf(String database) {
			Matcher matcher = JDBC_URL.matcher(this.adminUrl);
			if (!matcher.matches()) {
				throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + this.adminUrl);
			}
			return matcher.group(1) + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
		}

		/** Stops the server this JVM started, and only it: pg_ctl stop, then its postmaster by pid. */
		void stop() {
			if (this.dataDir == null) {
				return;
			}
			try {
				run(this.dir, this.asPostgresUser, Duration.ofSeconds(30), this.bin.resolve("pg_ctl").toString(), "-D",
						this.dataDir.toString(), "-m", "fast", "-w", "stop");
			}
			catch (RuntimeException ex) {
				// ended by pid below
			}
			ProcessHandle.of(this.pid).ifPresent(postmaster -> {
				postmaster.destroy();
				try {
					postmaster.onExit().get(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					postmaster.destroyForcibly();
				}
			});
		}

		private static long postmasterPid(Path data) {
			try {
				List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
				return Long.parseLong(lines.get(0).strip());
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("PostgreSQL started but " + data.resolve("postmaster.pid")
						+ " does not name its process", ex);
			}
		}

		private static boolean isRoot() {
			try {
				return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
			}
			catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
				return "root".equals(System.getProperty("user.name"));
			}
		}

		private static void chownToPostgres(Path dir) throws IOException {
			UserPrincipal postgres;
			try {
				postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
			}
			catch (IOException ex) {
				throw new IllegalStateException("PostgreSQL refuses to run as root and there is no 'postgres' user to run "
						+ "it as: run scripts/install-prereqs.sh (the postgresql package makes it)", ex);
			}
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.toList()) {
					Files.setOwner(path, postgres);
				}
			}
		}

		/** Runs a PostgreSQL program to completion (as the postgres user when we are root). */
		private static void run(Path dir, boolean asPostgresUser, Duration timeout, String... command) {
			List<String> full = new ArrayList<>();
			if (asPostgresUser) {
				full.addAll(List.of(runuser(), "-u", "postgres", "--"));
			}
			full.addAll(List.of(command));
			Path output = dir.resolve("commands.log");
			ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().remove("PGDATA");
			String description = String.join(" ", command);
			try {
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(description + " did not finish within " + timeout.toSeconds() + " s\n"
							+ LogTail.format(output, 20));
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(description + " exited with " + process.exitValue() + "\n"
							+ LogTail.format(output, 20));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot run " + description, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while running " + description, ex);
			}
		}

		private static String runuser() {
			for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
				if (Files.isExecutable(Path.of(candidate))) {
					return candidate;
				}
			}
			throw new IllegalStateException("PostgreSQL refuses to run as root and runuser (util-linux) is not there to "
					+ "run it as the postgres user");
		}

	}

}
