package io.jparallel.protocol.amqp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.protocol.connection.ConnectionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrokerTlsTests {

	private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	@TempDir
	Path dir;

	@Test
	void anAmqpsConnectionTrustsTheConnectionFilesCa() throws Exception {
		Path ca = this.dir.resolve("ca.pem");
		Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
				"1", "-subj", "/CN=test CA", "-keyout", this.dir.resolve("ca.key").toString(), "-out", ca.toString()))
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("openssl.log").toFile())
			.start();
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).isZero();
		ConnectionInfo info = new ConnectionInfo("c", "amqps://u:p@127.0.0.1:5671", KEY, null, null, Files.readString(ca),
				null, null);

		try (ClusterConnection connection = new ClusterConnection(info, "test", false)) {
			assertThat(connection.isTls()).isTrue();
		}
		assertThat(BrokerTls.context(Files.readString(ca)).getProtocol()).isEqualTo("TLS");
	}

	@Test
	void aPlainConnectionStaysPlain() {
		ConnectionFactory rabbit = new ConnectionFactory();
		BrokerTls.configure(rabbit, new ConnectionInfo("c", "amqp://u:p@127.0.0.1:5672", KEY, null, null));
		assertThat(rabbit.isSSL()).isFalse();
	}

	@Test
	void aCaWithoutCertificatesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerTls.context("not a certificate"))
			.withMessageContaining("TLS");
	}

}
