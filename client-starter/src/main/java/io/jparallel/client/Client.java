package io.jparallel.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.client.internal.ClassServer;
import io.jparallel.protocol.engines.ClusterShutdownRequests;
import io.jparallel.client.internal.RequestDispatcher;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.engines.EngineEvents;
import io.jparallel.protocol.engines.EngineListRequests;
import io.jparallel.protocol.engines.EngineNotificationSubscriber;

/**
 * A connection to a JParallel cluster, and the way to its engines.
 * <pre>{@code
 * try (Client rc = Client.connect()) {            // the connection file of the default profile
 *     rc.ids();                                   // [0, 1, 2, 3]
 *     int thirty = rc.get(0).applySync(mul, 5, 6);
 *     List<Integer> all = rc.all().applySync(mul, 5, 6);
 *     List<Integer> squares = rc.loadBalancedView().mapSync(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 */
public final class Client implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Client.class);

	private final ClusterConnection cluster;

	private final String session;

	private final ClassServer classServer;

	private final RequestDispatcher dispatcher;

	private final EngineNotificationSubscriber notifications;

	private final Map<Integer, String> engines = new ConcurrentSkipListMap<>();

	private final ViewSupport support;

	private boolean closed;

	private Client(ConnectionInfo info) {
		this.session = "client-" + UUID.randomUUID();
		this.cluster = new ClusterConnection(info, "jparallel-" + this.session, false).declareExchanges();
		try {
			this.classServer = new ClassServer(this.cluster, this.session);
			this.dispatcher = new RequestDispatcher(this.cluster, this.session, this.classServer.queueName());
			this.notifications = new EngineNotificationSubscriber(this.cluster, this.session, new EngineEvents() {
				@Override
				public void registered(int id, String uuid) {
					Client.this.engines.put(id, uuid);
				}

				@Override
				public void unregistered(int id, String uuid, String reason) {
					Client.this.engines.remove(id);
					logger.info("Engine " + id + " left the cluster: " + reason);
					Client.this.dispatcher.engineLeft(id, reason);
				}
			});
			this.engines.putAll(new EngineListRequests(this.cluster, this.session).fetch());
		}
		catch (RuntimeException ex) {
			this.cluster.close();
			throw new JParallelException("Cannot connect to cluster " + info.clusterId() + " at "
					+ info.brokerUriForDisplay() + ": " + ex.getMessage(), ex);
		}
		this.support = new ViewSupport(this.dispatcher, this.classServer::remember,
				Thread.currentThread().getContextClassLoader(), this::ids);
		logger.info("Connected to cluster " + info.clusterId() + " with " + this.engines.size() + " engine(s)");
	}

	/** Connects with the client connection file of the default profile ({@code JPARALLEL_PROFILE}, or {@code default}). */
	public static Client connect() {
		return connect(ConnectionFiles.clientFile(ConnectionFiles.profileDir(ConnectionFiles.defaultProfile())));
	}

	/** Connects with a client connection file. */
	public static Client connect(Path connectionFile) {
		return connect(ConnectionFiles.read(connectionFile));
	}

	public static Client connect(ConnectionInfo info) {
		return new Client(info);
	}

	/** The ids of the registered engines, ascending. */
	public List<Integer> ids() {
		return List.copyOf(this.engines.keySet());
	}

	/** A view on one engine. */
	public EngineView get(int engineId) {
		return new EngineView(this.support, engineId, false);
	}

	/** A view on all engines registered now. */
	public DirectView all() {
		List<Integer> ids = ids();
		if (ids.isEmpty()) {
			throw new JParallelException("The cluster has no engines registered");
		}
		return new DirectView(this.support, ids, false);
	}

	/** A view on the given engines. */
	public DirectView view(int... targets) {
		List<Integer> ids = new ArrayList<>(targets.length);
		for (int target : targets) {
			ids.add(target);
		}
		return new DirectView(this.support, ids, false);
	}

	public DirectView view(List<Integer> targets) {
		return new DirectView(this.support, targets, false);
	}

	/**
	 * A view on all engines registered now whose requests are sent once and copied to every engine by
	 * the scheduler; see {@link BroadcastView}.
	 */
	public BroadcastView broadcastView() {
		List<Integer> ids = ids();
		if (ids.isEmpty()) {
			throw new JParallelException("The cluster has no engines registered");
		}
		return new BroadcastView(this.support, ids, false);
	}

	/** A broadcast view on the given engines. */
	public BroadcastView broadcastView(List<Integer> targets) {
		return new BroadcastView(this.support, targets, false);
	}

	/**
	 * Waits until every one of {@code results} is ready, at most {@code timeout}; whether they all are.
	 * Remote errors are not raised here but by each result's {@code get()}.
	 */
	public boolean wait(Collection<? extends AsyncResult<?>> results, Duration timeout) {
		return AsyncResult.waitAll(results, timeout);
	}

	/** Waits until every one of {@code results} is ready, at most {@code timeout}; whether they all are. */
	public boolean wait(Duration timeout, AsyncResult<?>... results) {
		return AsyncResult.waitAll(timeout, results);
	}

	/** Waits until every request this client has sent so far is answered, at most {@code timeout}; whether they all are. */
	public boolean waitAll(Duration timeout) {
		return AsyncResult.awaitQuietly(this.support.outstanding(), timeout);
	}

	/**
	 * Stops engines cleanly (each finishes the request it runs, unregisters and exits; their ids are
	 * never used again), and returns once the cluster has announced them gone. With {@code hub}, also
	 * stops the hub and the scheduler, after the engines: the whole cluster but the broker and registry.
	 */
	public void shutdown(List<Integer> targets, boolean hub) {
		List<Integer> engines = (targets != null) ? List.copyOf(targets) : ids();
		if (!engines.isEmpty()) {
			this.support.shutdown(engines);
			logger.info("Engines " + engines + " shut down");
		}
		if (hub) {
			new ClusterShutdownRequests(this.cluster, this.session).request();
			logger.info("The hub and scheduler of cluster " + clusterId() + " are shutting down");
		}
	}

	/** Stops every engine; see {@link #shutdown(List, boolean)}. */
	public void shutdown() {
		shutdown(null, false);
	}

	/** A view where the scheduler places each call on an engine. */
	public LoadBalancedView loadBalancedView() {
		return new LoadBalancedView(this.support, TaskFlags.DEFAULTS);
	}

	/**
	 * What the scheduler holds now (ipyparallel's {@code queue_status}): its scheme, the tasks waiting for
	 * an engine, and per engine how many are queued, running, completed and failed.
	 * <pre>{@code
	 * System.out.println(rc.queueStatus());     // scheme leastload, hwm 16, 0 unassigned / engine 0: 2 queued, 1 running, ...
	 * }</pre>
	 */
	public QueueStatus queueStatus() {
		return queueStatus(false);
	}

	/** As {@link #queueStatus()}; with {@code verbose}, also the ids of the tasks in each queue. */
	public QueueStatus queueStatus(boolean verbose) {
		return this.support.queueStatus(verbose);
	}

	/**
	 * Every registered engine's properties, by engine id, as the hub knows them (set with
	 * {@link DirectView#setProperties(Map)}; what {@code require} flags select engines by).
	 */
	public Map<Integer, Map<String, String>> engineProperties() {
		Map<Integer, Map<String, String>> properties = new java.util.TreeMap<>();
		for (EngineListRequests.Listed engine : new EngineListRequests(this.cluster, this.session).fetchAll()) {
			properties.put(engine.id(), java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(engine.properties())));
		}
		return java.util.Collections.unmodifiableMap(properties);
	}

	/** Waits until at least {@code count} engines are registered. */
	public List<Integer> waitForEngines(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.engines.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new JParallelException("Only " + this.engines.size() + " of " + count + " engines registered after "
						+ timeout.toSeconds() + " s");
			}
			this.engines.putAll(new EngineListRequests(this.cluster, this.session).fetch());
			if (this.engines.size() < count) {
				java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
			}
		}
		return ids();
	}

	/** This client's session id; engines address replies to it. */
	public String session() {
		return this.session;
	}

	/** Requests sent and not yet answered. */
	public int outstanding() {
		return this.dispatcher.outstanding();
	}

	public String clusterId() {
		return this.cluster.topology().clusterId();
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.notifications.close();
		this.dispatcher.close();
		this.classServer.close();
		this.cluster.close();
	}

	@Override
	public String toString() {
		return "Client[cluster=" + clusterId() + ", engines=" + ids() + "]";
	}

}
