package io.jparallel.client.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jparallel.client.Client;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JParallelClientAutoConfigurationTests {

	private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JParallelClientAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void noClientIsCreatedWhenDisabled() {
		this.contextRunner.withPropertyValues("jparallel.client.enabled=false").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
			assertThat(context).doesNotHaveBean(JParallelClientProperties.class);
		});
	}

	@Test
	void backsOffWhenTheClientIsNotOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Client.class)).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
			assertThat(context).doesNotHaveBean(JParallelClientProperties.class);
		});
	}

	@Test
	void startupFailsClearlyWhenTheConnectionFileIsMissing() {
		Path missing = this.dir.resolve("nowhere.json");

		this.contextRunner.withPropertyValues("jparallel.client.connection-file=" + missing).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("jpcluster start");
		});
	}

	@Test
	void anExplicitBrokerUriKeyAndClusterIdComeFirst() {
		Path file = this.dir.resolve("client.json");
		ConnectionFiles.write(file, new ConnectionInfo("from-file", "amqp://127.0.0.1:1", KEY, null, null));
		JParallelClientProperties properties = new JParallelClientProperties();
		properties.setBrokerUri("amqp://guest:guest@broker:5672");
		properties.setKey(KEY);
		properties.setClusterId("explicit");
		properties.setConnectionFile(file);

		ConnectionInfo info = JParallelClientAutoConfiguration.connectionInfo(properties);

		assertThat(info).isEqualTo(new ConnectionInfo("explicit", "amqp://guest:guest@broker:5672", KEY, null, null));
	}

	@Test
	void aConnectionFileIsUsedWithoutABrokerUri() {
		Path file = this.dir.resolve("client.json");
		ConnectionInfo written = new ConnectionInfo("from-file", "amqp://127.0.0.1:5673", KEY, null, null);
		ConnectionFiles.write(file, written);
		JParallelClientProperties properties = new JParallelClientProperties();
		properties.setConnectionFile(file);
		properties.setProfile("not-used-" + System.nanoTime());

		assertThat(JParallelClientAutoConfiguration.connectionInfo(properties)).isEqualTo(written);
	}

	@Test
	@DisabledIfEnvironmentVariable(named = "JPARALLEL_DIR", matches = ".+",
			disabledReason = "JPARALLEL_DIR takes precedence over the jparallel.dir property this test sets")
	void withoutBrokerUriOrFileTheProfilesClientFileIsUsed() {
		String previous = System.getProperty("jparallel.dir");
		System.setProperty("jparallel.dir", this.dir.toString());
		try {
			ConnectionInfo written = new ConnectionInfo("from-profile", "amqp://127.0.0.1:5674", KEY, null, null);
			ConnectionFiles.write(this.dir.resolve("profile_work").resolve("security").resolve(ConnectionFiles.CLIENT_FILE),
					written);
			JParallelClientProperties properties = new JParallelClientProperties();
			properties.setProfile("work");

			assertThat(JParallelClientAutoConfiguration.connectionInfo(properties)).isEqualTo(written);
		}
		finally {
			if (previous != null) {
				System.setProperty("jparallel.dir", previous);
			}
			else {
				System.clearProperty("jparallel.dir");
			}
		}
	}

	@Test
	void aBrokerUriWithoutKeyFailsNamingTheMissingProperties() {
		JParallelClientProperties properties = new JParallelClientProperties();
		properties.setBrokerUri("amqp://broker:5672");
		properties.setClusterId("c");

		assertThatIllegalStateException().isThrownBy(() -> JParallelClientAutoConfiguration.connectionInfo(properties))
			.withMessageContaining("jparallel.client.broker-uri")
			.withMessageContaining("jparallel.client.key");
	}

	@Test
	void aBrokerUriWithoutClusterIdFailsNamingTheMissingProperty() {
		JParallelClientProperties properties = new JParallelClientProperties();
		properties.setBrokerUri("amqp://broker:5672");
		properties.setKey(KEY);

		assertThatIllegalStateException().isThrownBy(() -> JParallelClientAutoConfiguration.connectionInfo(properties))
			.withMessageContaining("jparallel.client.cluster-id");
	}

}
