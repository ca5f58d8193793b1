package io.jparallel.launcher.e2e;

/** {@link HubAuditScenarios} with the hub on its default database, H2 in file mode. */
class HubAuditIntegrationTests extends HubAuditScenarios {

	@Override
	String database() {
		return "H2";
	}

}
