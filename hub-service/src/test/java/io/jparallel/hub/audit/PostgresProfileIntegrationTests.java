package io.jparallel.hub.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.protocol.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code postgres} profile takes the hub's database from {@code jparallel.hub.db.*}. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ActiveProfiles("postgres")
@Import(EngineRegistry.class)
class PostgresProfileIntegrationTests {

	private static final TestPostgres.Database DATABASE = TestPostgres.createDatabase();

	@Autowired
	private DataSource dataSource;

	@Autowired
	private EngineRegistry engines;

	@Autowired
	private TaskRepository tasks;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("jparallel.hub.db.url", DATABASE::url);
		properties.add("jparallel.hub.db.username", DATABASE::username);
		properties.add("jparallel.hub.db.password", DATABASE::password);
	}

	@Test
	void theHubsTablesAreMadeOnTheNamedServer() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			assertThat(connection.getCatalog()).isEqualTo(DATABASE.name());
		}
		this.engines.register("engine-pg", "host", 7L, Map.of("gpu", "true"), Instant.now());
		assertThat(this.engines.all()).singleElement()
			.satisfies(engine -> assertThat(engine.properties()).containsEntry("gpu", "true"));
		assertThat(this.tasks.findAll()).isEqualTo(List.of());
	}

}
