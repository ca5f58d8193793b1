package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * broker ({@link TestBroker}, a cluster id of its own) in a temporary directory of its own before them, and
 * by default a client connected once its engines have registered; the client closed and the cluster
 * stopped ({@code jpcluster stop} in that directory, so only this cluster) after them.
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

	private final Readiness readiness;

	private Path dir;

	private JpclusterProcess process;

	private String clusterId;

	private JpclusterProcess.Result started;

	private Client client;

	private TestCluster(Builder builder) {
		this.engines = builder.engines;
		this.configuration = builder.configuration;
		this.readiness = builder.readiness;
	}

	static Builder withEngines(int engines) {
		return new Builder(engines);
	}

	/** The cluster's {@code JPARALLEL_DIR}: its profile is in it, and the tests may keep their own files there. */
	Path dir() {
		return this.dir;
	}

	/** The running cluster's {@code jpcluster}, for its profile, connection file and commands. */
	JpclusterProcess process() {
		return this.process;
	}

	/** The cluster id it was started with. */
	String clusterId() {
		return this.clusterId;
	}

	/** What {@code jpcluster start} printed. */
	JpclusterProcess.Result started() {
		return this.started;
	}

	/** The client connected to the running cluster; {@code null} if it was built {@link Builder#withoutClient()}. */
	Client client() {
		return this.client;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.dir = Files.createTempDirectory("jparallel-" + context.getRequiredTestClass().getSimpleName());
		this.process = new JpclusterProcess(this.dir);
		this.configuration.accept(this.process);
		this.clusterId = TestBroker.uniqueClusterId();
		this.started = this.process.start("-n", String.valueOf(this.engines), "--broker", TestBroker.uri(),
				"--cluster-id", this.clusterId);
		if (this.readiness == Readiness.STARTED) {
			return;
		}
		this.client = Client.connect(this.process.clientFile());
		if (this.readiness == Readiness.CONNECTED) {
			return;
		}
		this.client.waitForEngines(this.engines, ENGINES_TIMEOUT);
		if (this.readiness == Readiness.IN_QUEUE_STATUS) {
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
				JpclusterProcess stopping = this.process;
				this.process = null;
				stopping.run("stop");
			}
		}
	}

	/** How far the set-up goes once {@code jpcluster start} returned. */
	private enum Readiness {

		/** Nothing more: no client. */
		STARTED,

		/** A client connected. */
		CONNECTED,

		/** A client connected, and every engine registered with it. */
		ENGINES_REGISTERED,

		/** A client connected, every engine registered, and in the client's queue status. */
		IN_QUEUE_STATUS

	}

	static final class Builder {

		private final int engines;

		private Consumer<JpclusterProcess> configuration = process -> {
		};

		private Readiness readiness = Readiness.ENGINES_REGISTERED;

		private Builder(int engines) {
			this.engines = engines;
		}

		/** Prepares the cluster before it starts (e.g. its environment). */
		Builder configuredBy(Consumer<JpclusterProcess> configuration) {
			this.configuration = configuration;
			return this;
		}

		/** Connects no client: the tests use the cluster otherwise (console, kernel, files). */
		Builder withoutClient() {
			this.readiness = Readiness.STARTED;
			return this;
		}

		/** Connects a client as soon as {@code jpcluster start} returned, without waiting for the engines. */
		Builder withoutWaitingForEngines() {
			this.readiness = Readiness.CONNECTED;
			return this;
		}

		/** Also waits, once the engines registered, until the client's queue status lists each of them. */
		Builder awaitingQueueStatusOfEveryEngine() {
			this.readiness = Readiness.IN_QUEUE_STATUS;
			return this;
		}

		TestCluster build() {
			return new TestCluster(this);
		}

	}

}
