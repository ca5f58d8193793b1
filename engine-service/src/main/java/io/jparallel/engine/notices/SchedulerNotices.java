package io.jparallel.engine.notices;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.stereotype.Component;

import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.Chunks;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.topology.Topology;

/**
 * Notices to the scheduler (its exchange, key {@value Topology#SCHEDULER_NOTICES_KEY}) about
 * <em>scheduler-placed tasks</em>: load-balanced tasks ({@code route} {@code task}) that the scheduler put
 * on this engine's MUX queue, rather than on the shared task queue. After answering the tasks of one
 * delivery, the engine sends one {@code task_done} listing them ({@code msgId:ok} or
 * {@code msgId:error}); a failed task the scheduler may retry (metadata {@code retries} &gt; 0, not
 * {@code TaskAborted}) is not answered to the client at all: its reply goes to the scheduler instead,
 * which retries the task elsewhere or forwards the reply itself (unless the reply is too large to travel
 * whole: then it goes to the client as usual). See {@link #report()}.
 */
@Component
public class SchedulerNotices {

	private static final Log logger = LogFactory.getLog(SchedulerNotices.class);

	private final ClusterConnection cluster;

	private final EngineIdentity identity;

	/** This engine's MUX queue, with the uuid it was named for. */
	private volatile MuxQueue muxQueue;

	private record MuxQueue(String uuid, String name) {
	}

	public SchedulerNotices(ClusterConnection cluster, EngineIdentity identity) {
		this.cluster = cluster;
		this.identity = identity;
	}

	/** Declares the scheduler's exchange (idempotent), so notices sent before the scheduler starts are not refused. */
	public void declare() {
		this.cluster.admin().declareExchange(new DirectExchange(this.cluster.topology().schedulerExchange(), true, false));
	}

	/** Whether a request is a scheduler-placed task: {@code route} {@code task}, taken from this engine's MUX queue. */
	public boolean isSchedulerPlaced(Message request, String source) {
		return MetadataKeys.ROUTE_TASK.equals(request.metadata(MetadataKeys.ROUTE)) && muxQueue().equals(source);
	}

	/** This engine's MUX queue, named once per uuid rather than per request. */
	private String muxQueue() {
		String uuid = this.identity.uuid();
		MuxQueue cached = this.muxQueue;
		if (cached == null || !cached.uuid().equals(uuid)) {
			cached = new MuxQueue(uuid, this.cluster.topology().engineMuxQueue(uuid));
			this.muxQueue = cached;
		}
		return cached.name();
	}

	/**
	 * Whether the reply to a scheduler-placed task goes to the scheduler for a retry instead of to the
	 * client: it is an error other than {@code TaskAborted} and the request allows retries.
	 */
	public static boolean isForRetry(Message request, Message reply) {
		return MetadataKeys.STATUS_ERROR.equals(reply.content(MetadataKeys.STATUS))
				&& !MetadataKeys.TASK_ABORTED.equals(reply.content(MetadataKeys.ENAME))
				&& retries(request) > 0;
	}

	/** The request's {@code retries}, 0 if absent or not a number. */
	static int retries(Message request) {
		String retries = request.metadata(MetadataKeys.RETRIES);
		if (retries == null || retries.isBlank()) {
			return 0;
		}
		try {
			return Integer.parseInt(retries.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** An entry of {@code results}: {@code msgId:ok} or {@code msgId:error}, by the reply's status. */
	static String result(Message reply) {
		String status = MetadataKeys.STATUS_OK.equals(reply.content(MetadataKeys.STATUS)) ? MetadataKeys.STATUS_OK
				: MetadataKeys.STATUS_ERROR;
		return reply.parentHeader().msgId() + ":" + status;
	}

	/** A report of the scheduler-placed tasks of one delivery, sent with {@link TaskDoneReport#send()}. */
	public TaskDoneReport report() {
		return new TaskDoneReport(this);
	}

	/**
	 * Sends a failed task's reply to the scheduler, for it to retry the task or forward the reply, if it
	 * travels whole: the scheduler reads its notices one message at a time, and forwards them as they came.
	 * @return whether it was sent; if not, the reply goes to the client and the task is not retried
	 */
	boolean sendForRetry(Message reply) {
		List<Chunks.Part> parts = Chunks.encode(this.cluster.codec(), reply, Topology.SCHEDULER_NOTICES_KEY);
		if (parts.size() > 1) {
			logger.info("Task " + reply.parentHeader().msgId() + " failed (" + reply.content(MetadataKeys.ENAME)
					+ ") but its reply is too large to pass through the scheduler (" + parts.size()
					+ " chunks): it goes to the client, and the task is not retried");
			return false;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Reply to task " + reply.parentHeader().msgId() + " (" + reply.content(MetadataKeys.ENAME)
					+ ") sent to the scheduler to retry");
		}
		this.cluster.sender()
			.sendBatch(this.cluster.topology().schedulerExchange(), Topology.SCHEDULER_NOTICES_KEY,
					List.of(parts.get(0).encoded()));
		return true;
	}

	/** Sends {@code task_done} with the results of one delivery. */
	void sendTaskDone(List<String> results) {
		Header header = Header.create(MessageType.TASK_DONE, this.identity.uuid(), System.getProperty("user.name"));
		Map<String, String> metadata = Map.of(MetadataKeys.ENGINE_ID, String.valueOf(this.identity.id()),
				MetadataKeys.ENGINE_UUID, this.identity.uuid());
		Message done = Message.request(header, metadata, Map.of(MetadataKeys.RESULTS, String.join(",", results)),
				List.of());
		this.cluster.sender().send(this.cluster.topology().schedulerExchange(), Topology.SCHEDULER_NOTICES_KEY, done);
	}

}
