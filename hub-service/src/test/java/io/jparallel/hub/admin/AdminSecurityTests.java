package io.jparallel.hub.admin;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class AdminSecurityTests {

	private final PasswordEncoder verifier = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@TempDir
	Path profileDir;

	@Test
	void aGeneratedPasswordIsHashedWithTheLeastBcryptWorkAndStillVerifies() {
		AdminPassword generated = AdminPassword.configuredOrGenerated(null, this.profileDir, new SecureRandom());

		String hash = AdminSecurity.hashed(generated);

		assertThat(hash).startsWith("{bcrypt}$2a$04$");
		assertThat(this.verifier.matches(generated.value(), hash)).isTrue();
		assertThat(this.verifier.matches(generated.value() + "x", hash)).isFalse();
	}

	@Test
	void aConfiguredPasswordKeepsTheDefaultBcryptWork() {
		AdminPassword configured = AdminPassword.configuredOrGenerated("chosen by a person", this.profileDir,
				new SecureRandom());

		String hash = AdminSecurity.hashed(configured);

		assertThat(hash).startsWith("{bcrypt}$2a$10$");
		assertThat(this.verifier.matches("chosen by a person", hash)).isTrue();
		assertThat(this.verifier.matches("chosen by a person ", hash)).isFalse();
	}

}
