package io.jparallel.hub.audit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.jparallel.protocol.testing.TestPostgres;

/** The audit's tables on PostgreSQL: a database of its own on the test server ({@link TestPostgres}). */
class AuditPostgresIntegrationTests extends AuditDatabaseContract {

	private static final TestPostgres.Database DATABASE = TestPostgres.createDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", DATABASE::url);
		properties.add("spring.datasource.username", DATABASE::username);
		properties.add("spring.datasource.password", DATABASE::password);
	}

}
