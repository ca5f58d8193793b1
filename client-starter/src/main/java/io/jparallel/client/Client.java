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
import io.jparallel.client.internal.ClusterHubChannel;
import io.jparallel.client.internal.HubQueries;
import io.jparallel.client.internal.ResultPoller;
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

	private final HubQueries hub;

	private final ResultPoller poller;

	private final HubResults hubResults;

	private final Resubmissions resubmissions;

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
		this.hub = new HubQueries(new ClusterHubChannel(this.cluster), this.cluster.codec(), this.session,
				System.getProperty("user.name", "jparallel"), this.classServer.queueName());
		this.poller = new ResultPoller(this.hub, ResultPoller.DEFAULT_INTERVAL);
		this.hubResults = new HubResults(this.hub, this.poller, this.support);
		this.resubmissions = new Resubmissions(this.hub, this.dispatcher, this.hubResults, this.support);
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

	/**
	 * The result of a request from the hub's records, by its msg id: any request sent to this cluster, by
	 * any client, as long as the hub keeps it (ipyparallel's {@code get_result}). It reads exactly as the
	 * live result did (the value, output, engines, errors as {@link RemoteError}); a broadcast's is the list
	 * of every engine's value. A request not answered yet is ready once the hub has its reply (asked every
	 * 200 ms).
	 * <pre>{@code
	 * String id = rc.loadBalancedView().applyAsync(f).msgIds().get(0);
	 * // ... later, from any client:
	 * Object value = rc.getResult(id).get();
	 * }</pre>
	 * @throws IllegalArgumentException if the hub has no record of it
	 * @throws JParallelException if the hub does not answer within 30 s
	 */
	public AsyncResult<Object> getResult(String msgId) {
		return this.hubResults.one(msgId);
	}

	/** The results of several requests, one value per reply in the order asked; see {@link #getResult(String)}. */
	public AsyncResult<List<Object>> getResult(String... msgIds) {
		return getResult(List.of(msgIds));
	}

	/** As {@link #getResult(String...)}. */
	public AsyncResult<List<Object>> getResult(Collection<String> msgIds) {
		return this.hubResults.many(msgIds);
	}

	/** Which of {@code msgIds} the hub holds answered, pending or not at all (ipyparallel's {@code result_status}). */
	public ResultStatus resultStatus(String... msgIds) {
		return resultStatus(List.of(msgIds));
	}

	public ResultStatus resultStatus(Collection<String> msgIds) {
		if (msgIds.isEmpty()) {
			throw new IllegalArgumentException("resultStatus needs at least one msg id");
		}
		return this.hub.resultStatus(msgIds);
	}

	/**
	 * The hub's task records matching a query (ipyparallel's {@code db_query}): a JSON object of field to
	 * value or to operators {@code $lt $gt $lte $gte $eq $ne $in $nin $exists $glob}; with {@code keys}, only
	 * those fields (and {@code msgId}). Records come in submission order, at most 10,000 (a warning is
	 * logged when more matched). Headers, metadata and content are maps; instants ISO-8601 strings.
	 * <pre>{@code
	 * rc.dbQuery("{\"engine_id\": {\"$in\": [0, 1]}, \"status\": \"error\"}", "msg_id", "ename");
	 * }</pre>
	 * @throws IllegalArgumentException if the hub cannot read the query (it says why)
	 */
	public List<Map<String, Object>> dbQuery(String jsonQuery, String... keys) {
		HubQueries.Records found = this.hub.dbQuery(jsonQuery, List.of(keys));
		if (found.truncated()) {
			logger.warn("The hub returned only the first " + found.records().size() + " records matching " + jsonQuery
					+ "; narrow the query (e.g. by submitted) for the rest");
		}
		return found.records();
	}

	/** As {@link #dbQuery(String, String...)}, with a {@link Query}. */
	public List<Map<String, Object>> dbQuery(Query query, String... keys) {
		return dbQuery(query.toJson(), keys);
	}

	/**
	 * Sends requests again, under new ids, for this client (ipyparallel's {@code resubmit}): the hub
	 * publishes each recorded request as it was (same code or function, arguments, route, targets and
	 * flags) with metadata {@code resubmitted} naming the original. The result's {@link AsyncResult#msgIds()}
	 * are the new ids.
	 * @throws IllegalArgumentException if the hub has no record of one of them
	 */
	public AsyncResult<List<Object>> resubmit(String... msgIds) {
		return resubmit(List.of(msgIds));
	}

	public AsyncResult<List<Object>> resubmit(Collection<String> msgIds) {
		return this.resubmissions.resubmit(msgIds);
	}

	/** Sends the requests of {@code result} again; see {@link #resubmit(String...)}. */
	public AsyncResult<List<Object>> resubmit(AsyncResult<?> result) {
		return resubmit(result.msgIds());
	}

	/**
	 * Deletes finished records from the hub (pending ones are kept): {@link Purge#all()}, a result's or
	 * some ids' ({@link Purge#ids(String...)}), or what some engines ran ({@link Purge#engines(int...)}).
	 * How many records were deleted.
	 */
	public int purgeResults(Purge what) {
		if (what.isEmpty()) {
			throw new IllegalArgumentException("Nothing to purge: name ids, engines or Purge.all()");
		}
		return this.hub.purge(what.everything(), what.msgIds(), what.engineIds());
	}

	/** Deletes the finished records of these requests; see {@link #purgeResults(Purge)}. */
	public int purgeResults(String... msgIds) {
		return purgeResults(Purge.ids(msgIds));
	}

	/** Every request the hub recorded, by msg id, in submission order (ipyparallel's {@code hub_history}). */
	public List<String> hubHistory() {
		return this.hub.history();
	}

	/** This client's session id; engines address replies to it. */
	public String session() {
		return this.session;
	}

	/** Requests sent and not yet answered. */
	public int outstanding() {
		return this.dispatcher.outstanding();
	}

	/**
	 * Second replies to requests already answered, dropped so no result reaches the caller twice (a task
	 * runs twice when the scheduler that placed it died before acknowledging it).
	 */
	public long duplicateRepliesDropped() {
		return this.dispatcher.duplicateReplies();
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
		this.poller.close();
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
