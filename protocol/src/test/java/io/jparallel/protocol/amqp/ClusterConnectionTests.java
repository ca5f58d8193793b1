package io.jparallel.protocol.amqp;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterConnectionTests {

	@Test
	void aTrailingSlashMeansTheDefaultVhostNotTheEmptyOne() throws Exception {
		URI uri = ClusterConnection.withDefaultVhost("amqp://guest:guest@127.0.0.1:5672/");

		assertThat(uri).hasToString("amqp://guest:guest@127.0.0.1:5672");
		assertThat(uri.getRawPath()).isEmpty();
	}

	@Test
	void anExplicitlyEncodedDefaultVhostIsKept() throws Exception {
		assertThat(ClusterConnection.withDefaultVhost("amqp://guest:guest@127.0.0.1:5672/%2F"))
			.hasToString("amqp://guest:guest@127.0.0.1:5672/%2F");
	}

	@Test
	void aNamedVhostIsKept() throws Exception {
		assertThat(ClusterConnection.withDefaultVhost("amqp://u:p@broker:5672/jparallel"))
			.hasToString("amqp://u:p@broker:5672/jparallel");
	}

	@Test
	void aUriWithoutPathIsKept() throws Exception {
		assertThat(ClusterConnection.withDefaultVhost("amqp://127.0.0.1:5672")).hasToString("amqp://127.0.0.1:5672");
	}

	@Test
	void queryParametersSurviveDroppingTheTrailingSlash() throws Exception {
		assertThat(ClusterConnection.withDefaultVhost("amqp://127.0.0.1:5672/?heartbeat=10"))
			.hasToString("amqp://127.0.0.1:5672?heartbeat=10");
	}

}
