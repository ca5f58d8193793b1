package io.jparallel.hub.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Id assignment against H2 in file mode, as the hub runs it. Tests commit (no rollback), so each works
 * with its own uuids and compares ids with the highest given out before it.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(EngineRegistry.class)
class EngineRegistryTests {

	private static final Path DATABASE_DIR = createTempDir();

	private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

	@Autowired
	private EngineRegistry registry;

	@Autowired
	private EngineRepository engines;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> h2Url(DATABASE_DIR));
	}

	@Test
	void idsCountUpAndAreNeverReusedAfterEnginesLeave() {
		int next = nextId();
		Engine a = register("a");
		Engine b = register("b");
		this.registry.markGone(b.uuid(), EngineState.UNREGISTERED, null, NOW);
		this.registry.markGone(a.uuid(), EngineState.DEAD, null, NOW);
		Engine c = register("c");

		assertThat(List.of(a.id(), b.id(), c.id())).containsExactly(next, next + 1, next + 2);
		assertThat(this.registry.findByUuid(a.uuid())).map(Engine::state).contains(EngineState.DEAD);
		assertThat(this.registry.findByUuid(b.uuid())).map(Engine::state).contains(EngineState.UNREGISTERED);
	}

	@Test
	void propertiesAreStoredWithTheEngineAndChangedOnlyWhileItIsRegistered() {
		String uuid = "props-" + UUID.randomUUID();
		Map<String, String> large = Map.of("gpu", "true", "notes", "x".repeat(10_000));
		Engine registered = this.registry.register(uuid, "host", 1L, large, NOW);

		assertThat(registered.properties()).isEqualTo(large);
		assertThat(this.registry.changeProperties(uuid, Map.of("zone", "eu"))).map(Engine::properties)
			.contains(Map.of("zone", "eu"));
		assertThat(this.registry.findByUuid(uuid)).map(Engine::properties).contains(Map.of("zone", "eu"));
		this.registry.markGone(uuid, EngineState.UNREGISTERED, null, NOW);
		assertThat(this.registry.changeProperties(uuid, Map.of("zone", "us"))).isEmpty();
		assertThat(this.registry.findByUuid(uuid)).map(Engine::properties).contains(Map.of("zone", "eu"));
		assertThat(this.registry.register(uuid, "host", 2L, NOW).properties()).isEmpty();
	}

	@Test
	void engineRegisteringAgainWithItsUuidKeepsItsId() {
		Engine first = register("again");
		register("other");
		this.registry.markGone(first.uuid(), EngineState.DEAD, null, NOW);

		Engine second = this.registry.register(first.uuid(), "host-2", 4242L, NOW.plusSeconds(60));

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.state()).isEqualTo(EngineState.REGISTERED);
		assertThat(second.hostname()).isEqualTo("host-2");
		assertThat(second.unregisteredAt()).isNull();
	}

	@Test
	void concurrentRegistrationsGetDistinctConsecutiveIds() throws Exception {
		int next = nextId();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Engine>> registrations = IntStream.range(0, 16)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> register("concurrent-" + i), executor))
				.toList();
			List<Integer> ids = registrations.stream().map(CompletableFuture::join).map(Engine::id).toList();

			assertThat(ids).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(IntStream.range(next, next + 16).boxed().toList());
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void engineThatRegisteredAgainIsNotMarkedGoneForItsOldRegistration() {
		Engine first = register("restarted");
		Engine second = this.registry.register(first.uuid(), "host", 1L, NOW.plusSeconds(30));

		assertThat(this.registry.markGone(first.uuid(), EngineState.DEAD, first.registeredAt(), NOW.plusSeconds(31)))
			.isEmpty();
		assertThat(this.registry.markGone(first.uuid(), EngineState.DEAD, second.registeredAt(), NOW.plusSeconds(31)))
			.isPresent();
	}

	@Test
	void anEngineRegisteredWithNanosecondsIsMarkedDeadByTheTimeItRegisteredWith() {
		Instant registeredAt = NOW.plusSeconds(60).plusNanos(123_456_789);
		Engine engine = this.registry.register("nanos-" + java.util.UUID.randomUUID(), "host", 1L, registeredAt);

		assertThat(this.registry.markGone(engine.uuid(), EngineState.DEAD, registeredAt, NOW.plusSeconds(70)))
			.isPresent();
	}

	@Test
	void idsContinueAfterARestartOnTheSameDatabaseFile(@TempDir Path profileDir) {
		ApplicationContextRunner hub = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(RegistryOnly.class)
			.withPropertyValues("spring.datasource.url=" + h2Url(profileDir), "spring.jpa.hibernate.ddl-auto=update");

		hub.run(context -> {
			EngineRegistry registry = context.getBean(EngineRegistry.class);
			assertThat(registry.register("first-run-0", "host", 1L, NOW).id()).isZero();
			assertThat(registry.register("first-run-1", "host", 2L, NOW).id()).isOne();
		});
		hub.run(context -> {
			EngineRegistry registry = context.getBean(EngineRegistry.class);
			assertThat(registry.register("second-run-0", "host", 3L, NOW).id()).isEqualTo(2);
			assertThat(registry.register("first-run-0", "host", 4L, NOW).id()).isZero();
		});
	}

	private Engine register(String name) {
		return this.registry.register(name + "-" + UUID.randomUUID(), "host-" + name, 1000L, NOW);
	}

	private int nextId() {
		Integer max = this.engines.findMaxId();
		return (max != null) ? max + 1 : 0;
	}

	private static String h2Url(Path profileDir) {
		return "jdbc:h2:file:" + profileDir.resolve("db").resolve("hub").toAbsolutePath()
				+ ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
	}

	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("hub-registry-tests");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	@Import(EngineRegistry.class)
	static class RegistryOnly {

	}

}
