package io.jparallel.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit's tables on H2 in file mode, the hub's default database. */
class AuditH2Tests extends AuditDatabaseContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> "jdbc:h2:file:" + createTempDir().resolve("db/hub")
				+ ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
	}

	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-audit-h2-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
