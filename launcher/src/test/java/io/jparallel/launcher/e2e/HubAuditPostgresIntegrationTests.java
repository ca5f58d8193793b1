package io.jparallel.launcher.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.protocol.testing.TestPostgres;

/**
 * {@link HubAuditScenarios} with the hub on PostgreSQL (profile {@code postgres}), a private server the
 * test harness starts from Debian's packages ({@link TestPostgres}), a database of its own.
 */
class HubAuditPostgresIntegrationTests extends HubAuditScenarios {

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4)
		.configuredBy(HubAuditPostgresIntegrationTests::hubOnPostgres)
		.build();

	@Override
	String database() {
		return "PostgreSQL";
	}

	@Override
	TestCluster cluster() {
		return CLUSTER;
	}

	private static void hubOnPostgres(JpclusterProcess cluster) {
		TestPostgres.Database database = TestPostgres.createDatabase();
		String inherited = System.getenv("JPARALLEL_JVM_OPTS");
		cluster.withEnvironment("JPARALLEL_JVM_OPTS", ((inherited != null) ? inherited + " " : "")
				+ "-Dspring.profiles.active=postgres -Djparallel.hub.db.url=" + database.url()
				+ " -Djparallel.hub.db.username=" + database.username() + " -Djparallel.hub.db.password="
				+ database.password());
	}

}
