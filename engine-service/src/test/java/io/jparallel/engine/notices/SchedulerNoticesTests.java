package io.jparallel.engine.notices;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.connection.ConnectionInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** Which replies are notices to the scheduler; no broker (nothing here sends). */
class SchedulerNoticesTests {

	private ClusterConnection cluster;

	private final EngineIdentity identity = new EngineIdentity();

	private SchedulerNotices notices;

	@BeforeEach
	void create() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.cluster = new ClusterConnection(new ConnectionInfo("notices-tests", "amqp://guest:guest@127.0.0.1:1",
				HexFormat.of().formatHex(key), null, null), "notices-tests", false);
		this.notices = new SchedulerNotices(this.cluster, this.identity);
	}

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void aSchedulerPlacedTaskIsATaskTakenFromTheEnginesMuxQueue() {
		String mux = this.cluster.topology().engineMuxQueue(this.identity.uuid());
		Message task = request(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK));
		Message direct = request(Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX));

		assertThat(this.notices.isSchedulerPlaced(task, mux)).isTrue();
		assertThat(this.notices.isSchedulerPlaced(task, this.cluster.topology().sharedTaskQueue())).isFalse();
		assertThat(this.notices.isSchedulerPlaced(direct, mux)).isFalse();
		assertThat(this.notices.isSchedulerPlaced(request(Map.of()), mux)).isFalse();
	}

	@Test
	void aFailedTaskGoesToTheSchedulerOnlyIfItMayBeRetriedAndWasNotAborted() {
		Message retried = request(Map.of(MetadataKeys.RETRIES, "2"));

		assertThat(SchedulerNotices.isForRetry(retried, error(retried, "java.lang.IllegalStateException"))).isTrue();
		assertThat(SchedulerNotices.isForRetry(retried, ok(retried))).isFalse();
		assertThat(SchedulerNotices.isForRetry(retried, error(retried, MetadataKeys.TASK_ABORTED))).isFalse();
		for (String retries : List.of("0", "-1", "many", " ")) {
			Message request = request(Map.of(MetadataKeys.RETRIES, retries));
			assertThat(SchedulerNotices.isForRetry(request, error(request, "E"))).as(retries).isFalse();
		}
		Message once = request(Map.of());
		assertThat(SchedulerNotices.isForRetry(once, error(once, "E"))).isFalse();
	}

	@Test
	void aReportListsTheSchedulerPlacedTasksByTheStatusOfTheirReplies() {
		Message good = request(Map.of());
		Message bad = request(Map.of(MetadataKeys.RETRIES, "0"));
		Message aborted = request(Map.of(MetadataKeys.RETRIES, "3"));
		Message direct = request(Map.of());
		TaskDoneReport report = this.notices.report();

		assertThat(report.toClient(good, ok(good), true)).isTrue();
		assertThat(report.toClient(bad, error(bad, "E"), true)).isTrue();
		assertThat(report.toClient(aborted, error(aborted, MetadataKeys.TASK_ABORTED), true)).isTrue();
		assertThat(report.toClient(direct, error(direct, "E"), false)).isTrue();

		assertThat(report.results()).containsExactly(good.header().msgId() + ":ok", bad.header().msgId() + ":error",
				aborted.header().msgId() + ":error");
	}

	private static Message request(Map<String, String> metadata) {
		return Message.request(Header.create(MessageType.APPLY_REQUEST, "client", "tester"), metadata, Map.of(),
				List.of());
	}

	private static Message ok(Message request) {
		return Replies.reply(request, "engine", "engine", Map.of(), Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK),
				List.of());
	}

	private static Message error(Message request, String ename) {
		return Replies.reply(request, "engine", "engine", Map.of(), Replies.errorContent(ename, "failed", ""), List.of());
	}

}
