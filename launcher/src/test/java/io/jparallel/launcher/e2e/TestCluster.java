package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.jparallel.client.Client;
import io.jparallel.protocol.testing.TestBroker;

import static org.awaitility.Awaitility.await;

/**
 * A cluster for all the tests of a class: started with {@code jpcluster start -n N} on the shared test
 * broker ({@link TestBroker}, a cluster id of its own) in a temporary directory of its own before them, a
 * client connected once its engines have registered; the client closed and the cluster stopped
 * ({@code jpcluster stop} in that directory, so only this cluster) after them.
 * <pre>{@code
 * @RegisterExtension
 * static final TestCluster CLUSTER = TestCluster.withEngines(4).build();
 * }</pre>
 */
final class TestCluster implements BeforeAllCallback, AfterAllCallback {

	/** How long engines, once started, may take to register with the hub and the scheduler. */
	private static final Duration ENGINES_TIMEOUT = Duration.ofSeconds(60);

	private final int engines;

	private final Consumer<JpclusterProcess> configuration;

	private final boolean awaitQueueStatus;

	private JpclusterProcess process;

	private Client client;

	private TestCluster(Builder builder) {
		this.engines = builder.engines;
		this.configuration = builder.configuration;
		this.awaitQueueStatus = builder.awaitQueueStatus;
	}

	static Builder withEngines(int engines) {
		return new Builder(engines);
	}

	/** The running cluster's {@code jpcluster}, for its profile, connection file and commands. */
	JpclusterProcess process() {
		return this.process;
	}

	/** The client connected to the running cluster. */
	Client client() {
		return this.client;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.process = new JpclusterProcess(
				Files.createTempDirectory("jparallel-" + context.getRequiredTestClass().getSimpleName()));
		this.configuration.accept(this.process);
		this.process.start("-n", String.valueOf(this.engines), "--broker", TestBroker.uri(), "--cluster-id",
				TestBroker.uniqueClusterId());
		this.client = Client.connect(this.process.clientFile());
		this.client.waitForEngines(this.engines, ENGINES_TIMEOUT);
		if (this.awaitQueueStatus) {
			await().atMost(ENGINES_TIMEOUT).until(() -> this.client.queueStatus().engines().size() == this.engines);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			if (this.client != null) {
				this.client.close();
			}
		}
		finally {
			this.client = null;
			if (this.process != null) {
				JpclusterProcess started = this.process;
				this.process = null;
				started.run("stop");
			}
		}
	}

	static final class Builder {

		private final int engines;

		private Consumer<JpclusterProcess> configuration = process -> {
		};

		private boolean awaitQueueStatus;

		private Builder(int engines) {
			this.engines = engines;
		}

		/** Prepares the cluster before it starts (e.g. its environment). */
		Builder configuredBy(Consumer<JpclusterProcess> configuration) {
			this.configuration = configuration;
			return this;
		}

		/** Also waits, once the engines registered, until the queue status lists each of them. */
		Builder awaitingQueueStatusOfEveryEngine() {
			this.awaitQueueStatus = true;
			return this;
		}

		TestCluster build() {
			return new TestCluster(this);
		}

	}

}
