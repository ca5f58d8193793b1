package io.jparallel.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.tasks.PropertyMaps;
import io.jparallel.protocol.topology.Topology;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's side of the task interface, on a real engine process and broker (see
 * {@link EngineProcess}): cancelling a running request, notices to the scheduler about the tasks it placed
 * on the engine, push and pull around a code string, a fresh namespace before a request, and the engine's
 * properties. The test binds its own queue to the scheduler's exchange to read the notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class EngineTaskInterfaceIntegrationTests {

	private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(30);

	private Path temp;

	private EngineProcess engine;

	private String noticesQueue;

	@BeforeAll
	void startEngine(@TempDir Path temp) throws Exception {
		this.temp = temp;
		this.engine = new EngineProcess(temp, "engine-tasks-it", "--jparallel.engine.properties.gpu=true");
		Topology topology = this.engine.topology();
		this.engine.peer().admin().declareExchange(new DirectExchange(topology.schedulerExchange(), true, false));
		this.noticesQueue = this.engine.peer().admin().declareQueue(new Queue("", false, true, false));
		this.engine.peer()
			.admin()
			.declareBinding(new Binding(this.noticesQueue, DestinationType.QUEUE, topology.schedulerExchange(),
					Topology.SCHEDULER_NOTICES_KEY, null));
	}

	@AfterAll
	void stopEngine() {
		if (this.engine != null) {
			this.engine.close();
		}
	}

	@Test
	@Order(1)
	void theEngineRegistersWithItsConfiguredAndBuiltInProperties() {
		Map<String, String> properties = PropertyMaps
			.fromJson(this.engine.registration().content(MetadataKeys.PROPERTIES));

		assertThat(properties).containsEntry("gpu", "true")
			.containsEntry("cores", String.valueOf(Runtime.getRuntime().availableProcessors()))
			.containsEntry("java", String.valueOf(Runtime.version().feature()))
			.containsKeys("hostname", "os");
	}

	@Test
	@Order(2)
	void propertiesSetWithAControlRequestAreReturnedAndAnnouncedToTheHub() throws InterruptedException {
		Message request = this.engine.request(MessageType.PROPERTIES_REQUEST,
				Map.of(MetadataKeys.SET, "{\"zone\": \"eu-west\", \"gpu\": null}"));

		this.engine.sendToControl(request);

		Message reply = this.engine.replyTo(request);
		assertThat(reply.msgType()).isEqualTo(MessageType.PROPERTIES_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		Map<String, String> properties = PropertyMaps.fromJson(reply.content(MetadataKeys.PROPERTIES));
		assertThat(properties).containsEntry("zone", "eu-west").doesNotContainKey("gpu").containsKey("cores");
		Message notification = this.engine.hubInbox().poll(NOTICE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(notification).as(this.engine.logTail()).isNotNull();
		assertThat(notification.msgType()).isEqualTo(MessageType.PROPERTIES_NOTIFICATION);
		assertThat(notification.content()).containsEntry("id", "0").containsEntry("uuid", this.engine.engineUuid());
		assertThat(PropertyMaps.fromJson(notification.content(MetadataKeys.PROPERTIES))).isEqualTo(properties);
	}

	@Test
	@Order(3)
	void aCancelStopsAnApplyInAnEndlessLoopWithinTwoSecondsAndTheEngineServesTheNextRequest() throws Exception {
		Path started = this.temp.resolve("apply-started");
		Fn1<String, Object> endless = path -> {
			Files.createFile(Path.of(path));
			while (true) {
				// spins until stopped
			}
		};
		Message task = this.engine.request(MessageType.APPLY_REQUEST, task(Map.of(MetadataKeys.RETRIES, "2")), Map.of(),
				List.of(ValueCodec.encode(endless), ValueCodec.encode(started.toString())));
		this.engine.sendToMux(task);
		await().atMost(EngineProcess.TIMEOUT).until(() -> Files.exists(started));

		Message cancel = this.engine.request(MessageType.ABORT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, task.header().msgId(), MetadataKeys.CANCEL, "true"));
		this.engine.sendToControl(cancel);

		Message cancelled = this.engine.replyTo(task, Duration.ofSeconds(2));
		assertThat(cancelled.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(cancelled.content(MetadataKeys.EVALUE))
			.isEqualTo("cancelled while running on engine 0 (abort_request " + cancel.header().msgId() + ")");
		Message abortReply = this.engine.replyTo(cancel);
		assertThat(abortReply.content(MetadataKeys.ABORTED)).isEqualTo(task.header().msgId());
		assertThat(abortReply.content(MetadataKeys.ALREADY_DONE)).isEmpty();
		// a cancelled task is not retried: its reply went to the client, and the scheduler hears it failed
		assertThat(nextNotice().content(MetadataKeys.RESULTS)).isEqualTo(task.header().msgId() + ":error");

		Fn0<Object> next = () -> "next";
		Message nextRequest = this.engine.request(MessageType.APPLY_REQUEST, Map.of(), Map.of(),
				List.of(ValueCodec.encode(next)));
		this.engine.sendToMux(nextRequest);
		Message nextReply = this.engine.replyTo(nextRequest, Duration.ofSeconds(2));
		assertThat(nextReply.content(MetadataKeys.STATUS)).as("%s", nextReply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(ValueCodec.decode(nextReply.buffers().get(0), getClass().getClassLoader())).isEqualTo("next");
	}

	@Test
	@Order(4)
	void aCancelStopsAnExecuteInAnEndlessLoopAndTheNamespaceServesTheNextRequest() {
		Path started = this.temp.resolve("execute-started");
		Message endless = this.engine.execute("Files.createFile(Path.of(\"" + started + "\"));\nwhile (true) { }");
		this.engine.sendToMux(endless);
		await().atMost(EngineProcess.TIMEOUT).until(() -> Files.exists(started));

		Message cancel = this.engine.request(MessageType.ABORT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, endless.header().msgId(), MetadataKeys.CANCEL, "true"));
		this.engine.sendToControl(cancel);

		assertThat(this.engine.replyTo(endless, Duration.ofSeconds(2)).content(MetadataKeys.ENAME))
			.isEqualTo(MetadataKeys.TASK_ABORTED);
		Message next = this.engine.execute("1 + 1");
		this.engine.sendToMux(next);
		Message nextReply = this.engine.replyTo(next, Duration.ofSeconds(5));
		assertThat(nextReply.content("display")).as("%s", nextReply.content()).isEqualTo("2");
	}

	@Test
	@Order(5)
	void afterADeliveryOfSchedulerPlacedTasksTheSchedulerHearsWhichAreDone() {
		Fn0<Object> good = () -> "good";
		Fn0<Object> bad = () -> {
			throw new IllegalStateException("bad");
		};
		Message ok = apply(good, task(Map.of()));
		Message failed = apply(bad, task(Map.of(MetadataKeys.RETRIES, "0")));
		Message direct = apply(good, Map.of(MetadataKeys.ROUTE, MetadataKeys.ROUTE_MUX));

		this.engine.sendBatchToMux(List.of(ok, direct, failed));

		Message done = nextNotice();
		assertThat(done.msgType()).isEqualTo(MessageType.TASK_DONE);
		assertThat(done.metadata()).containsEntry(MetadataKeys.ENGINE_ID, "0")
			.containsEntry(MetadataKeys.ENGINE_UUID, this.engine.engineUuid());
		assertThat(done.content(MetadataKeys.RESULTS))
			.isEqualTo(ok.header().msgId() + ":ok," + failed.header().msgId() + ":error");
		// task_done follows the replies to the client
		assertThat(this.engine.replyTo(ok, Duration.ofSeconds(5)).content(MetadataKeys.STATUS)).isEqualTo("ok");
		assertThat(this.engine.replyTo(failed, Duration.ofSeconds(5)).content(MetadataKeys.ENAME))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(this.engine.replyTo(direct, Duration.ofSeconds(5)).content(MetadataKeys.STATUS)).isEqualTo("ok");
	}

	@Test
	@Order(6)
	void aFailedTaskTheSchedulerMayRetryIsAnsweredToTheSchedulerInsteadOfTheClient() {
		Fn0<Object> flaky = () -> {
			throw new IllegalStateException("flaky");
		};
		Message retried = apply(flaky, task(Map.of(MetadataKeys.RETRIES, "2")));

		this.engine.sendToMux(retried);

		Message forRetry = nextNotice();
		assertThat(forRetry.msgType()).isEqualTo(MessageType.APPLY_REPLY);
		assertThat(forRetry.parentHeader().msgId()).isEqualTo(retried.header().msgId());
		assertThat(forRetry.content(MetadataKeys.ENAME)).isEqualTo(IllegalStateException.class.getName());
		assertThat(forRetry.metadata(MetadataKeys.ENGINE_ID)).isEqualTo("0");
		Message done = nextNotice();
		assertThat(done.msgType()).isEqualTo(MessageType.TASK_DONE);
		assertThat(done.content(MetadataKeys.RESULTS)).isEmpty();
		// a later reply arrives; the withheld one, sent before it if at all, did not
		Message probe = this.engine.execute("\"probe\"");
		this.engine.sendToMux(probe);
		assertThat(this.engine.replyTo(probe).content("display")).isEqualTo("\"probe\"");
		assertThat(this.engine.awaitReply(retried, Duration.ZERO)).isNull();
	}

	@Test
	@Order(7)
	void anExecuteRequestPushesValuesBeforeItsCodeAndPullsNamesAfterIt() throws Exception {
		Message request = this.engine.request(MessageType.EXECUTE_REQUEST, Map.of(),
				Map.of("code", "int sum = a + b;", MetadataKeys.PUSH_NAMES, "a,b", MetadataKeys.PULL_NAMES, "sum,a"),
				List.of(ValueCodec.encode(20), ValueCodec.encode(22)));

		this.engine.sendToMux(request);

		Message reply = this.engine.replyTo(request);
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.buffers()).hasSize(2);
		assertThat(ValueCodec.decode(reply.buffers().get(0), getClass().getClassLoader())).isEqualTo(42);
		assertThat(ValueCodec.decode(reply.buffers().get(1), getClass().getClassLoader())).isEqualTo(20);
	}

	@Test
	@Order(8)
	void clearBeforeRunsARequestInAFreshNamespace() {
		Message define = this.engine.execute("int kept = 1;");
		this.engine.sendToMux(define);
		assertThat(this.engine.replyTo(define).content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);

		Message fresh = this.engine.request(MessageType.EXECUTE_REQUEST, Map.of(MetadataKeys.CLEAR_BEFORE, "true"),
				Map.of("code", "kept"), List.of());
		this.engine.sendToMux(fresh);

		assertThat(this.engine.replyTo(fresh).content(MetadataKeys.ENAME)).isEqualTo("CompilationError");
	}

	private Message apply(Object function, Map<String, String> metadata) {
		return this.engine.request(MessageType.APPLY_REQUEST, metadata, Map.of(), List.of(ValueCodec.encode(function)));
	}

	/** Metadata of a load-balanced task, which the scheduler forwards unchanged to the engine's MUX queue. */
	private static Map<String, String> task(Map<String, String> more) {
		Map<String, String> metadata = new HashMap<>(more);
		metadata.put(MetadataKeys.ROUTE, MetadataKeys.ROUTE_TASK);
		return metadata;
	}

	/** The next message on the test's notices queue. */
	private Message nextNotice() {
		org.springframework.amqp.core.Message amqp = this.engine.peer()
			.template()
			.receive(this.noticesQueue, NOTICE_TIMEOUT.toMillis());
		assertThat(amqp).as("a notice to the scheduler within %s; %s", NOTICE_TIMEOUT, this.engine.logTail()).isNotNull();
		Message notice = this.engine.peer().inbound().accept(amqp.getBody(), this.noticesQueue);
		assertThat(notice).as("a notice signed with the cluster's key").isNotNull();
		return notice;
	}

}
