package io.jparallel.hub.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AdminPasswordTests {

	@TempDir
	Path profileDir;

	@Test
	void configuredPasswordIsUsedAndNothingIsWritten() {
		AdminPassword password = AdminPassword.configuredOrGenerated("s3cret", this.profileDir, new SecureRandom());

		assertThat(password.value()).isEqualTo("s3cret");
		assertThat(password.file()).isNull();
		assertThat(this.profileDir.resolve("security")).doesNotExist();
	}

	@Test
	void withoutOneAPasswordIsGeneratedAndWrittenForTheOwnerOnly() throws IOException {
		AdminPassword password = AdminPassword.configuredOrGenerated(" ", this.profileDir, new SecureRandom());

		Path file = this.profileDir.resolve("security").resolve(AdminPassword.FILE_NAME);
		assertThat(password.file()).isEqualTo(file);
		assertThat(password.value()).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
		assertThat(Files.readString(file)).isEqualTo(password.value());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(file.resolveSibling(AdminPassword.FILE_NAME + ".tmp")).doesNotExist();
	}

	@Test
	void eachStartGeneratesAFreshPasswordOverTheOldFile() throws IOException {
		AdminPassword first = AdminPassword.configuredOrGenerated(null, this.profileDir, new SecureRandom());
		AdminPassword second = AdminPassword.configuredOrGenerated(null, this.profileDir, new SecureRandom());

		assertThat(second.value()).isNotEqualTo(first.value());
		assertThat(Files.readString(second.file())).isEqualTo(second.value());
	}

	@Test
	void withNeitherPasswordNorProfileDirectoryTheHubCannotStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> AdminPassword.configuredOrGenerated(null, null, new SecureRandom()))
			.withMessageContaining("jparallel.hub.admin-password");
	}

	@Test
	void thePasswordIsNeverPrinted() {
		AdminPassword generated = AdminPassword.configuredOrGenerated(null, this.profileDir, new SecureRandom());
		AdminPassword configured = AdminPassword.configuredOrGenerated("s3cret", null, new SecureRandom());

		assertThat(generated.toString()).doesNotContain(generated.value()).contains(AdminPassword.FILE_NAME);
		assertThat(configured.toString()).doesNotContain("s3cret");
		assertThat(new AdminProperties("s3cret").toString()).doesNotContain("s3cret");
	}

}
