package io.jparallel.launcher.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HubAuditScenarios} with the hub on its default database, H2 in file mode. */
class HubAuditIntegrationTests extends HubAuditScenarios {

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).build();

	@Override
	String database() {
		return "H2";
	}

	@Override
	TestCluster cluster() {
		return CLUSTER;
	}

}
