package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed for {@code localhost} and
 * {@code 127.0.0.1}, made with {@code openssl} for a test's TLS broker.
 *
 * @param caCertificate the CA's certificate (PEM), what clients trust
 * @param serverCertificate the server's certificate (PEM)
 * @param serverKey the server's private key (PEM, unencrypted)
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

	static TestCertificates create(Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		Path ca = dir.resolve("ca.pem");
		Path caKey = dir.resolve("ca.key");
		Path csr = dir.resolve("server.csr");
		Path cert = dir.resolve("server.pem");
		Path key = dir.resolve("server.key");
		Path extensions = dir.resolve("server.ext");
		Files.writeString(extensions, String.join("\n", "subjectAltName = DNS:localhost, IP:127.0.0.1",
				"basicConstraints = CA:FALSE", "keyUsage = digitalSignature, keyEncipherment",
				"extendedKeyUsage = serverAuth", ""));
		openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj",
				"/CN=JParallel test CA", "-keyout", caKey.toString(), "-out", ca.toString());
		openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=localhost", "-keyout",
				key.toString(), "-out", csr.toString());
		openssl(dir, "x509", "-req", "-sha256", "-days", "2", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
				caKey.toString(), "-CAcreateserial", "-extfile", extensions.toString(), "-out", cert.toString());
		return new TestCertificates(ca, cert, key);
	}

	/** {@code rabbitmq.conf} lines for a TLS listener on {@code port} with this certificate. */
	List<String> rabbitListener(int port) {
		return List.of("listeners.ssl.default = 127.0.0.1:" + port, "ssl_options.cacertfile = " + this.caCertificate,
				"ssl_options.certfile = " + this.serverCertificate, "ssl_options.keyfile = " + this.serverKey,
				"ssl_options.verify = verify_none", "ssl_options.fail_if_no_peer_cert = false");
	}

	private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Path log = dir.resolve("openssl.log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + Files.readString(log));
		}
	}

}
