package io.jparallel.protocol.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConnectionFilesTests {

	private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	@TempDir
	Path dir;

	@Test
	void aWrittenFileIsReadableByItsOwnerOnlyAndReadsBackTheSame() throws Exception {
		ConnectionInfo info = new ConnectionInfo("c1", "amqp://guest:guest@127.0.0.1:5672", KEY,
				"http://127.0.0.1:8761/eureka/", "http://127.0.0.1:8080");
		Path file = ConnectionFiles.clientFile(this.dir.resolve("profile_default"));

		ConnectionFiles.write(file, info);

		assertThat(file).isRegularFile();
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		assertThat(ConnectionFiles.read(file)).isEqualTo(info);
		assertThat(file.resolveSibling(file.getFileName() + ".tmp")).doesNotExist();
	}

	@Test
	void tlsCaAndHubAdminFieldsReadBackAndAnOlderFileWithoutThemStillReads() throws Exception {
		ConnectionInfo info = new ConnectionInfo("c2", "amqps://jp-c2:secret@broker:5671", KEY,
				"http://127.0.0.1:8761/eureka/", "http://127.0.0.1:8080",
				"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "admin", "hub-secret");
		Path file = this.dir.resolve("security").resolve(ConnectionFiles.CLIENT_FILE);

		ConnectionFiles.write(file, info);

		assertThat(ConnectionFiles.read(file)).isEqualTo(info);
		assertThat(info.isTls()).isTrue();
		assertThat(info.withoutHubAdmin().hubAdminPassword()).isNull();
		assertThat(info.withoutHubAdmin().brokerCaCertificate()).isEqualTo(info.brokerCaCertificate());
		assertThat(info.toString()).doesNotContain("secret").doesNotContain(KEY);
		Path older = Files.writeString(this.dir.resolve("older.json"), """
				{"clusterId":"c3","brokerUri":"amqp://u:p@h:5672","key":"%s","registryUrl":null,"hubUrl":null}
				""".formatted(KEY));
		ConnectionInfo read = ConnectionFiles.read(older);
		assertThat(read.isTls()).isFalse();
		assertThat(read.brokerCaCertificate()).isNull();
		assertThat(read.hubAdminUser()).isNull();
	}

	@Test
	void rewritingAFileReplacesItsContent() {
		Path file = this.dir.resolve("security").resolve(ConnectionFiles.ENGINE_FILE);
		ConnectionFiles.write(file, new ConnectionInfo("old", "amqp://127.0.0.1:1", KEY, null, null));

		ConnectionFiles.write(file, new ConnectionInfo("new", "amqp://127.0.0.1:2", KEY, null, null));

		assertThat(ConnectionFiles.read(file).clusterId()).isEqualTo("new");
		assertThat(ConnectionFiles.read(file).brokerUri()).isEqualTo("amqp://127.0.0.1:2");
	}

	@Test
	void aMissingFileIsReportedWithHowToStartACluster() {
		Path missing = this.dir.resolve("nowhere").resolve(ConnectionFiles.CLIENT_FILE);

		assertThatIllegalStateException().isThrownBy(() -> ConnectionFiles.read(missing))
			.withMessageContaining(missing.toString())
			.withMessageContaining("jpcluster start");
	}

	@Test
	void anUnreadableFileIsReportedWithItsPath() throws Exception {
		Path file = Files.writeString(this.dir.resolve("broken.json"), "{ not json");

		assertThatIllegalStateException().isThrownBy(() -> ConnectionFiles.read(file))
			.withMessageContaining("Cannot read connection file " + file);
	}

	@Test
	void unknownFieldsAreIgnoredAndAFieldThatIsNotTextIsReportedByName() throws Exception {
		Path file = Files.writeString(this.dir.resolve("extra.json"), "{\"clusterId\": \"c\", \"brokerUri\": "
				+ "\"amqp://127.0.0.1:1\", \"key\": \"" + KEY + "\", \"addedLater\": {\"x\": [1, 2]}}");
		assertThat(ConnectionFiles.read(file).clusterId()).isEqualTo("c");

		Path wrong = Files.writeString(this.dir.resolve("wrong.json"), "{\"clusterId\": 7, \"brokerUri\": "
				+ "\"amqp://127.0.0.1:1\", \"key\": \"" + KEY + "\"}");
		assertThatIllegalStateException().isThrownBy(() -> ConnectionFiles.read(wrong))
			.withMessageContaining(wrong.toString())
			.withMessageContaining("'clusterId' must be a string");

		Path missing = Files.writeString(this.dir.resolve("missing.json"), "{\"clusterId\": \"c\"}");
		assertThatIllegalStateException().isThrownBy(() -> ConnectionFiles.read(missing))
			.withMessageContaining("brokerUri is required");
	}

	@Test
	void profileFilesLiveInTheProfilesSecurityFolder() {
		Path profile = this.dir.resolve("profile_x");

		assertThat(ConnectionFiles.clientFile(profile)).isEqualTo(profile.resolve("security/jparallel-client.json"));
		assertThat(ConnectionFiles.engineFile(profile)).isEqualTo(profile.resolve("security/jparallel-engine.json"));
	}

	@Test
	void theBrokerPasswordIsHiddenForDisplay() {
		ConnectionInfo info = new ConnectionInfo("c", "amqp://user:s3cret@host:5672/vh", KEY, null, null);

		assertThat(info.brokerUriForDisplay()).isEqualTo("amqp://user:****@host:5672/vh");
	}

}
