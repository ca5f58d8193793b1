package io.jparallel.launcher.cluster;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterBrokerUserTests {

	@Test
	void theUsersPermissionsCoverTheClustersNamesOnly() {
		String pattern = ClusterBrokerUser.resourcePattern("c1-x");

		assertThat("jp.c1-x.requests").matches(pattern);
		assertThat("jp.c1-x.engine.u.mux").matches(pattern);
		assertThat("jp.c1-x2.requests").doesNotMatch(pattern);
		assertThat("jp.other.requests").doesNotMatch(pattern);
		assertThat("xjp.c1-x.requests").doesNotMatch(pattern);
		assertThat("jp.a.b.q").doesNotMatch(ClusterBrokerUser.resourcePattern("a.b.c"));
	}

	@Test
	void theClustersUriKeepsTheBrokerAndReplacesTheAdministratorAndVirtualHost() {
		ClusterBrokerUser user = new ClusterBrokerUser("jp-c1", "s3cr-et_", "jp-c1");

		assertThat(user.brokerUri("amqps://admin:pw@broker.example:5671"))
			.isEqualTo("amqps://jp-c1:s3cr-et_@broker.example:5671/jp-c1");
		assertThat(user.brokerUri("amqp://admin:pw@127.0.0.1:5672/prod"))
			.isEqualTo("amqp://jp-c1:s3cr-et_@127.0.0.1:5672/jp-c1");
	}

	@Test
	void adminCredentialsVirtualHostAndManagementUrlComeFromTheBrokerUri() {
		URI uri = URI.create("amqp://ad%40min:p%3Aw@broker.example:5672/my%2Fvhost");

		assertThat(BrokerUsers.credentials(uri)).containsExactly("ad@min", "p:w");
		assertThat(BrokerUsers.virtualHost(uri)).isEqualTo("my/vhost");
		assertThat(BrokerUsers.virtualHost(URI.create("amqp://h:1"))).isEqualTo("/");
		assertThat(BrokerUsers.virtualHost(URI.create("amqp://h:1/"))).isEqualTo("/");
		assertThat(BrokerUsers.defaultManagementUrl(uri, null)).isEqualTo("http://broker.example:15672");
		assertThat(BrokerUsers.defaultManagementUrl(uri, "https://m:443")).isEqualTo("https://m:443");
	}

}
