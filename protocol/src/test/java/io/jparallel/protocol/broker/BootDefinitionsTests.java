package io.jparallel.protocol.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BootDefinitionsTests {

	@Test
	void passwordHashIsRabbitMqsSaltedSha256() throws Exception {
		byte[] hash = Base64.getDecoder().decode(BootDefinitions.passwordHash("pässword"));

		assertThat(hash).hasSize(4 + 32);
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		sha256.update(Arrays.copyOf(hash, 4));
		byte[] expected = sha256.digest("pässword".getBytes(StandardCharsets.UTF_8));
		assertThat(Arrays.copyOfRange(hash, 4, hash.length)).isEqualTo(expected);
		assertThat(BootDefinitions.passwordHash("pässword")).isNotEqualTo(BootDefinitions.passwordHash("pässword"));
	}

	@Test
	void definitionsHoldTheAdministratorAndEachUserWithItsVirtualHostAndPermissionsButNoPassword() {
		BootUser user = new BootUser("jp-1", "secret", "jp-1", "^jp\\.1\\..*", "(^jp\\.1\\..*)|^amq\\.default$",
				"^jp\\.1\\..*");

		String json = BootDefinitions.json("jp-admin", "admin-secret", List.of(user));
		JsonNode root = JsonMapper.builder().build().readTree(json);

		assertThat(json).doesNotContain("secret");
		assertThat(root.get("users")).extracting(u -> u.get("name").asString()).containsExactly("jp-admin", "jp-1");
		assertThat(root.get("users").get(0).get("tags").asString()).isEqualTo("administrator");
		assertThat(root.get("users").get(1).get("tags").asString()).isEmpty();
		assertThat(root.get("vhosts")).extracting(v -> v.get("name").asString()).containsExactly("/", "jp-1");
		JsonNode own = root.get("permissions").get(2);
		assertThat(own.get("user").asString()).isEqualTo("jp-1");
		assertThat(own.get("vhost").asString()).isEqualTo("jp-1");
		assertThat(own.get("write").asString()).isEqualTo("(^jp\\.1\\..*)|^amq\\.default$");
	}

}
