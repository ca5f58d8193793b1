package io.jparallel.launcher.cluster;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFileWriterTests {

	@TempDir
	Path tmp;

	@Test
	void writesTheSameInfoToClientAndEngineFilesReadableByTheOwnerOnly() throws Exception {
		ClusterLayout layout = new ClusterLayout(this.tmp.resolve("profile_test"));
		layout.create();

		ConnectionInfo info = new ConnectionFileWriter().write(layout, null, "amqp://guest:guest@127.0.0.1:5999/");

		assertThat(ConnectionFiles.read(layout.clientFile())).isEqualTo(info);
		assertThat(ConnectionFiles.read(layout.engineFile())).isEqualTo(info);
		assertThat(Files.getPosixFilePermissions(layout.clientFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(layout.engineFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(layout.securityDir()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void theHubAdminCredentialsGoToTheClientFileOnlyAndTheCaToBoth() throws Exception {
		ClusterLayout layout = new ClusterLayout(this.tmp.resolve("profile_admin"));
		layout.create();
		String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

		ConnectionInfo client = new ConnectionFileWriter().write(layout, "c9", "amqps://jp-c9:pw@broker:5671", ca);

		ConnectionInfo engine = ConnectionFiles.read(layout.engineFile());
		assertThat(ConnectionFiles.read(layout.clientFile())).isEqualTo(client);
		assertThat(client.hubAdminUser()).isEqualTo("admin");
		assertThat(client.hubAdminPassword()).matches("[0-9a-f]{48}");
		assertThat(engine.hubAdminPassword()).isNull();
		assertThat(engine.brokerCaCertificate()).isEqualTo(ca);
		assertThat(engine.key()).isEqualTo(client.key());
		Path password = layout.securityDir().resolve(ConnectionFileWriter.HUB_ADMIN_PASSWORD_FILE);
		assertThat(Files.readString(password)).isEqualTo(client.hubAdminPassword());
		assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void generatesAnIdAKeyAndDistinctLocalPorts() {
		ClusterLayout layout = new ClusterLayout(this.tmp);

		ConnectionInfo info = new ConnectionFileWriter().write(layout, null, "amqp://h/");

		assertThat(info.clusterId()).matches("[0-9a-f]{8}");
		assertThat(info.key()).matches("[0-9a-f]{64}");
		URI registry = URI.create(info.registryUrl());
		URI hub = URI.create(info.hubUrl());
		assertThat(info.registryUrl()).startsWith("http://127.0.0.1:").endsWith("/eureka/");
		assertThat(info.hubUrl()).startsWith("http://127.0.0.1:");
		assertThat(registry.getPort()).isPositive().isNotEqualTo(hub.getPort());
	}

	@Test
	void keepsAGivenClusterIdAndDrawsANewKeyEachTime() {
		ClusterLayout layout = new ClusterLayout(this.tmp);

		ConnectionInfo first = new ConnectionFileWriter().write(layout, "mine", "amqp://h/");
		ConnectionInfo second = new ConnectionFileWriter().write(layout, "mine", "amqp://h/");

		assertThat(first.clusterId()).isEqualTo("mine");
		assertThat(second.key()).isNotEqualTo(first.key());
	}

	@Test
	void layoutCreatesTheProfileDirectories() {
		ClusterLayout layout = new ClusterLayout(this.tmp.resolve("p"));

		layout.create();

		assertThat(this.tmp.resolve("p")).isDirectoryContaining(path -> path.endsWith("log"))
			.isDirectoryContaining(path -> path.endsWith("pid"))
			.isDirectoryContaining(path -> path.endsWith("db"))
			.isDirectoryContaining(path -> path.endsWith("security"))
			.isDirectoryContaining(path -> path.endsWith("rabbitmq"));
	}

}
