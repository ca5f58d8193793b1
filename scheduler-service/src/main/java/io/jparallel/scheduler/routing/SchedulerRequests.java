package io.jparallel.scheduler.routing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.json.DataBinding;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.tasks.Scheme;
import io.jparallel.scheduler.tasks.TaskScheduler;

/**
 * Answers the requests addressed to the scheduler itself (route {@code scheduler}): {@code abort_request}
 * for load-balanced tasks and {@code queue_status_request}. Under the {@code pure} scheme the scheduler
 * holds no tasks: an abort goes to every engine (best effort: a task already run is not undone) and the
 * queue status reports the shared queue's length.
 */
@Component
public class SchedulerRequests {

	private static final Log logger = LogFactory.getLog(SchedulerRequests.class);

	private final ClusterConnection cluster;

	private final TaskScheduler tasks;

	private final EngineDirectory engines;

	public SchedulerRequests(ClusterConnection cluster, TaskScheduler tasks, EngineDirectory engines) {
		this.cluster = cluster;
		this.tasks = tasks;
		this.engines = engines;
	}

	/** Whether it answered the request (else the caller refuses it). */
	boolean answer(Message request) {
		switch (request.msgType()) {
			case MessageType.ABORT_REQUEST -> {
				if (this.tasks.scheme() == Scheme.PURE) {
					abortEverywhere(request);
				}
				else {
					this.tasks.abort(request);
				}
				return true;
			}
			case MessageType.QUEUE_STATUS_REQUEST -> {
				boolean verbose = "true".equals(request.content(MetadataKeys.VERBOSE));
				Map<String, Object> status = (this.tasks.scheme() == Scheme.PURE) ? pureStatus()
						: this.tasks.queueStatus(verbose);
				reply(request, Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK, MetadataKeys.QUEUE_STATUS,
						DataBinding.mapper().writeValueAsString(status)));
				return true;
			}
			default -> {
				return false;
			}
		}
	}

	private void abortEverywhere(Message request) {
		String ids = request.content(MetadataKeys.MSG_IDS);
		boolean cancel = "true".equals(request.content(MetadataKeys.CANCEL));
		List<String> msgIds = (ids == null) ? List.of()
				: List.of(ids.split(",")).stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
		for (String uuid : this.engines.uuids()) {
			this.cluster.sender().send(this.cluster.topology().controlExchange(), uuid,
					TaskScheduler.abortRequest(msgIds, cancel));
		}
		logger.info("Abort of " + msgIds.size() + " task(s) for session " + request.header().session()
				+ " sent to every engine (pure scheme: the scheduler does not know where tasks are)");
		Map<String, String> content = new HashMap<>();
		content.put(MetadataKeys.STATUS, MetadataKeys.STATUS_OK);
		content.put(MetadataKeys.ABORTED, String.join(",", msgIds));
		content.put(MetadataKeys.ALREADY_DONE, "");
		reply(request, content);
	}

	private Map<String, Object> pureStatus() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("scheme", Scheme.PURE.label());
		status.put("hwm", 0);
		java.util.Properties queue = this.cluster.admin().getQueueProperties(this.cluster.topology().sharedTaskQueue());
		Object count = (queue != null) ? queue.get(org.springframework.amqp.rabbit.core.RabbitAdmin.QUEUE_MESSAGE_COUNT) : null;
		status.put("unassigned", (count instanceof Number number) ? number.intValue() : 0);
		status.put("waiting", 0);
		status.put("engines", Map.of());
		return status;
	}

	private void reply(Message request, Map<String, String> content) {
		this.cluster.sender().send(this.cluster.topology().resultsExchange(), request.header().session(),
				Replies.reply(request, TaskScheduler.SESSION, TaskScheduler.SESSION, Map.of(), content, List.of()));
	}

}
