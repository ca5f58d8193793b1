package io.jparallel.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.jparallel.hub.registration.EngineRegistry;
import io.jparallel.hub.registration.EngineState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 database written by a hub from before migrations, whose tables Hibernate made: the migrations take
 * it over (engines kept, old tasks kept aside) and Hibernate validates the result.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(EngineRegistry.class)
class LegacyDatabaseMigrationTests {

	/** The tables as Hibernate's ddl-auto made them for the hub before migrations. */
	private static final List<String> LEGACY_TABLES = List.of("""
			create table engines (id integer not null, hostname varchar(255), last_heartbeat timestamp(6) with time zone,
			    pid bigint, properties clob, registered_at timestamp(6) with time zone,
			    state enum ('DEAD','REGISTERED','UNREGISTERED') not null, unregistered_at timestamp(6) with time zone,
			    uuid varchar(128) not null, primary key (id), constraint uk_engines_uuid unique (uuid))""", """
			create table tasks (msg_id varchar(255) not null, completed timestamp(6) with time zone, ename varchar(255),
			    engine_id integer, engine_uuid varchar(255), msg_type varchar(64),
			    recorded_at timestamp(6) with time zone not null, replied timestamp(6) with time zone,
			    reply_msg_id varchar(255), reply_type varchar(64), request_bytes bigint, result_bytes bigint,
			    route varchar(16), client_session varchar(255), started timestamp(6) with time zone, status varchar(16),
			    submitted timestamp(6) with time zone, target varchar(2000), username varchar(255),
			    primary key (msg_id))""", "create index tasks_recorded_at on tasks (recorded_at)",
			"insert into engines (id, uuid, hostname, state, registered_at, properties) values (0, 'engine-a', 'host',"
					+ " 'REGISTERED', timestamp with time zone '2026-11-01 10:00:00+00', '{\"gpu\":\"true\"}')",
			"insert into tasks (msg_id, recorded_at, status) values ('old-task', current_timestamp, 'ok')");

	private static final Path LEGACY = legacyDatabase(false);

	@Autowired
	private EngineRegistry engines;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> url(LEGACY));
	}

	@Test
	void enginesAreKeptAndOldTasksSetAside() {
		assertThat(this.engines.findByUuid("engine-a")).hasValueSatisfying(engine -> {
			assertThat(engine.id()).isZero();
			assertThat(engine.state()).isEqualTo(EngineState.REGISTERED);
			assertThat(engine.properties()).isEqualTo(Map.of("gpu", "true"));
		});
		assertThat(this.engines.register("engine-b", "host", 1L, Map.of("zone", "eu"), Instant.now()).id()).isOne();
		assertThat(this.tasks.count()).isZero();
		assertThat(this.jdbc.queryForObject("select msg_id from tasks_before_v1", String.class)).isEqualTo("old-task");
	}

	/** A hub with the Flyway starter but no migrations yet made the history table, then Hibernate its tables. */
	@Test
	void aDatabaseWithAnEmptySchemaHistoryIsTakenOverToo() throws SQLException {
		Path dir = legacyDatabase(true);

		Flyway.configure()
			.dataSource(url(dir), "sa", "")
			.locations("classpath:db/migration")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();

		try (Connection connection = DriverManager.getConnection(url(dir), "sa", "");
				Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from engines").next()).isTrue();
			statement.execute("select id, msg_id, request_bytes, reply_bytes from tasks");
			statement.execute("select properties from engines where uuid = 'engine-a'");
		}
	}

	private static String url(Path dir) {
		return "jdbc:h2:file:" + dir.resolve("db/hub") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
	}

	private static Path legacyDatabase(boolean emptyHistory) {
		try {
			Path dir = Files.createTempDirectory("hub-legacy-db-");
			if (emptyHistory) {
				Flyway.configure().dataSource(url(dir), "sa", "").locations("classpath:db/no-migrations").load().migrate();
			}
			try (Connection connection = DriverManager.getConnection(url(dir), "sa", "");
					Statement statement = connection.createStatement()) {
				for (String sql : LEGACY_TABLES) {
					statement.execute(sql);
				}
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
