package io.jparallel.protocol.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.json.JsonDocuments;

/**
 * The definitions file a {@link PrivateRabbitNode} imports when it boots ({@code load_definitions}, part
 * of the RabbitMQ core since 3.8.2): its administrator and the users it is launched with, their virtual
 * hosts and permissions. A node that has its users from boot needs no management plugin to create them
 * later, and what connects as them may do so as soon as the node listens.
 */
final class BootDefinitions {

	private static final SecureRandom RANDOM = new SecureRandom();

	private BootDefinitions() {
	}

	static String json(String adminUser, String adminPassword, List<BootUser> users) {
		List<Map<String, Object>> userList = new ArrayList<>();
		List<Map<String, Object>> vhosts = new ArrayList<>();
		List<Map<String, Object>> permissions = new ArrayList<>();
		userList.add(user(adminUser, adminPassword, "administrator"));
		vhosts.add(Map.of("name", "/"));
		permissions.add(permission(adminUser, "/", ".*", ".*", ".*"));
		for (BootUser user : users) {
			userList.add(user(user.name(), user.password(), ""));
			if (!"/".equals(user.vhost())) {
				vhosts.add(Map.of("name", user.vhost()));
				permissions.add(permission(adminUser, user.vhost(), ".*", ".*", ".*"));
			}
			permissions.add(permission(user.name(), user.vhost(), user.configure(), user.write(), user.read()));
		}
		Map<String, Object> definitions = new LinkedHashMap<>();
		definitions.put("users", userList);
		definitions.put("vhosts", vhosts);
		definitions.put("permissions", permissions);
		return JsonDocuments.write(definitions);
	}

	/**
	 * RabbitMQ's {@code rabbit_password_hashing_sha256}: base64 of a 4-byte salt followed by
	 * SHA-256(salt + UTF-8 password).
	 */
	static String passwordHash(String password) {
		byte[] salt = new byte[4];
		RANDOM.nextBytes(salt);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			byte[] digest = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
			byte[] salted = new byte[salt.length + digest.length];
			System.arraycopy(salt, 0, salted, 0, salt.length);
			System.arraycopy(digest, 0, salted, salt.length, digest.length);
			return Base64.getEncoder().encodeToString(salted);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static Map<String, Object> user(String name, String password, String tags) {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("name", name);
		user.put("password_hash", passwordHash(password));
		user.put("hashing_algorithm", "rabbit_password_hashing_sha256");
		user.put("tags", tags);
		return user;
	}

	private static Map<String, Object> permission(String user, String vhost, String configure, String write,
			String read) {
		Map<String, Object> permission = new LinkedHashMap<>();
		permission.put("user", user);
		permission.put("vhost", vhost);
		permission.put("configure", configure);
		permission.put("write", write);
		permission.put("read", read);
		return permission;
	}

}
