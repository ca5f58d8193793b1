package io.jparallel.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.client.JParallelException;

/**
 * Finds the jar of Maven coordinates ({@code groupId:artifactId[:packaging[:classifier]]:version}) for
 * {@code addClasspath}: in the local Maven repository ({@code maven.repo.local}, or
 * {@code ~/.m2/repository}), otherwise downloaded from the remote repository ({@code jparallel.maven.remote}
 * or {@code JPARALLEL_MAVEN_REMOTE}, Maven Central by default), checked against its {@code .sha1} and
 * kept in the local repository. A path to an existing jar is taken as it is.
 */
public final class MavenArtifacts {

	private static final Log logger = LogFactory.getLog(MavenArtifacts.class);

	static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private MavenArtifacts() {
	}

	/** The jar of {@code coordinatesOrJar}; fails with a {@link JParallelException} that says where it looked. */
	public static Path resolve(String coordinatesOrJar) {
		return resolve(coordinatesOrJar, localRepository(), remoteRepository());
	}

	static Path resolve(String spec, Path localRepository, String remoteRepository) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("Give Maven coordinates (groupId:artifactId:version) or the path of a jar");
		}
		String trimmed = spec.trim();
		if (trimmed.endsWith(".jar") || trimmed.contains("/") || trimmed.contains("\\")) {
			Path jar = Path.of(trimmed).toAbsolutePath();
			if (!Files.isRegularFile(jar)) {
				throw new JParallelException("No jar at " + jar);
			}
			return jar;
		}
		String relative = relativePath(trimmed);
		Path local = localRepository.resolve(relative);
		if (Files.isRegularFile(local)) {
			return local;
		}
		String url = remoteRepository + (remoteRepository.endsWith("/") ? "" : "/") + relative;
		try {
			download(url, local);
			logger.info("Downloaded " + trimmed + " from " + url + " to " + local);
			return local;
		}
		catch (IOException ex) {
			throw new JParallelException("Cannot resolve " + trimmed + ": it is not in the local Maven repository ("
					+ local + ") and " + url + " could not be fetched: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JParallelException("Interrupted while downloading " + url, ex);
		}
	}

	/** {@code org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar} for {@code org.apache.commons:commons-math3:3.6.1}. */
	static String relativePath(String coordinates) {
		String[] parts = coordinates.split(":");
		String group;
		String artifact;
		String version;
		String extension = "jar";
		String classifier = null;
		switch (parts.length) {
			case 3 -> {
				group = parts[0];
				artifact = parts[1];
				version = parts[2];
			}
			case 4 -> {
				group = parts[0];
				artifact = parts[1];
				extension = parts[2];
				version = parts[3];
			}
			case 5 -> {
				group = parts[0];
				artifact = parts[1];
				extension = parts[2];
				classifier = parts[3];
				version = parts[4];
			}
			default -> throw new IllegalArgumentException("'" + coordinates
					+ "' is neither Maven coordinates (groupId:artifactId[:packaging[:classifier]]:version) nor the path of a jar");
		}
		for (String part : parts) {
			if (part.isBlank() || part.contains("..") || !part.matches("[A-Za-z0-9._-]+")) {
				throw new IllegalArgumentException("'" + coordinates + "' has an invalid part '" + part + "'");
			}
		}
		if (!"jar".equals(extension)) {
			throw new IllegalArgumentException("Only jars can be added to the class path, not '" + extension + "'");
		}
		String file = artifact + "-" + version + ((classifier != null) ? "-" + classifier : "") + ".jar";
		return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;
	}

	private static void download(String url, Path target) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<byte[]> jar = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (jar.statusCode() != 200) {
			throw new IOException("HTTP " + jar.statusCode());
		}
		HttpResponse<String> sha1 = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		if (sha1.statusCode() == 200) {
			String expected = sha1.body().trim().split("\\s+")[0];
			String actual = sha1(jar.body());
			if (!expected.equalsIgnoreCase(actual)) {
				throw new IOException("its SHA-1 is " + actual + " but the repository says " + expected);
			}
		}
		Files.createDirectories(target.getParent());
		Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
		try (InputStream in = new java.io.ByteArrayInputStream(jar.body())) {
			Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path localRepository() {
		String configured = System.getProperty("maven.repo.local");
		return (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	static String remoteRepository() {
		String configured = System.getProperty("jparallel.maven.remote", System.getenv("JPARALLEL_MAVEN_REMOTE"));
		return (configured != null && !configured.isBlank()) ? configured : MAVEN_CENTRAL;
	}

}
