package io.jparallel.engine.requests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.classes.LibraryClassLoader;
import io.jparallel.engine.classes.PeerClassLoaders;
import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.engine.kernel.OutputCapture;
import io.jparallel.engine.notices.SchedulerNotices;
import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests run through {@link RequestHandler#run(Message)} with a real kernel and class loaders; no
 * broker (nothing is sent).
 */
class RequestHandlerTests {

	private static final String GREETER_SOURCE = """
			package demo.lib;

			public class Greeter implements java.io.Serializable {

				public static String greet(String who) {
					return "hello " + who;
				}

				public String shout(String who) {
					return greet(who).toUpperCase();
				}

			}
			""";

	@TempDir
	Path temp;

	private final String session = "client-" + UUID.randomUUID();

	private ClusterConnection cluster;

	private EngineIdentity identity;

	private LibraryClassLoader libraryLoader;

	private JShellKernel kernel;

	private PeerClassLoaders classLoaders;

	private RequestLedger ledger;

	private Libraries libraries;

	/** Counted down by an endless function once it runs (static: the function captures nothing). */
	private static final CountDownLatch SPINNING = new CountDownLatch(1);

	private final ExecutorService consumer = Executors.newSingleThreadExecutor();

	private RequestRunner runner;

	private final RequestActivity activity = new RequestActivity();

	private RequestHandler handler;

	@BeforeEach
	void createHandler() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		// never connects: run() sends nothing
		this.cluster = new ClusterConnection(new ConnectionInfo("handler-tests", "amqp://guest:guest@127.0.0.1:1",
				HexFormat.of().formatHex(key), null, null), "handler-tests", false);
		this.identity = new EngineIdentity();
		this.libraryLoader = new LibraryClassLoader(getClass().getClassLoader());
		this.kernel = new JShellKernel(this.libraryLoader);
		this.classLoaders = new PeerClassLoaders(this.libraryLoader);
		this.ledger = new RequestLedger();
		this.libraries = new Libraries(this.temp.resolve("engine"), this.libraryLoader, this.kernel);
		this.runner = new RequestRunner(this.kernel);
		this.handler = new RequestHandler(this.cluster, this.identity, this.kernel, OutputCapture.install(),
				this.classLoaders, new EngineProperties(), this.ledger, new EngineReplies(this.identity, this.ledger),
				this.libraries, this.runner, new SchedulerNotices(this.cluster, this.identity),
				new RequestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
				new io.jparallel.engine.bulk.BulkTransfers(this.cluster), this.activity);
	}

	@AfterEach
	void close() throws Exception {
		this.consumer.shutdownNow();
		this.runner.destroy();
		this.libraries.destroy();
		this.kernel.close();
		this.libraryLoader.close();
		this.cluster.close();
	}

	@Test
	void everyReplyCarriesTheNumberOfExecuteRequestsRunWhichClearDoesNotReset() {
		assertThat(executionCount(run(execute("int one = 1;")))).isEqualTo("1");
		assertThat(executionCount(run(execute("int broken = undefinedThing;")))).isEqualTo("2");
		assertThat(executionCount(run(push("pushed", 3)))).isEqualTo("2");
		assertThat(executionCount(run(request(MessageType.CLEAR_REQUEST, Map.of(), List.of())))).isEqualTo("2");

		Message reply = run(execute("int two = 2;"));

		assertThat(executionCount(reply)).isEqualTo("3");
		assertThat(reply.metadata(MetadataKeys.ENGINE_UUID)).isEqualTo(this.identity.uuid());
		assertThat(this.handler.counts()).containsEntry("executions", 3L);
	}

	@Test
	void takingARequestEndsTheQuietSpellTheWarmUpWaitsFor() {
		Awaitility.await().until(() -> this.activity.quietFor().toMillis() >= 50);

		long before = System.nanoTime();
		run(push("touched", 1));

		// the spell restarted during the request, however long the request took on a loaded machine
		assertThat(this.activity.quietFor()).isLessThanOrEqualTo(Duration.ofNanos(System.nanoTime() - before));
	}

	@Test
	void anAbortedRequestIsAnsweredWithTaskAbortedAndDoesNotRun() {
		Message request = execute("int ranAnyway = 1;");
		this.ledger.abort("abort-7", List.of(request.header().msgId()));

		Message reply = run(request);

		assertThat(reply.msgType()).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(reply.content(MetadataKeys.EVALUE)).isEqualTo("aborted before it ran (abort_request abort-7)");
		assertThat(reply.content(MetadataKeys.TRACEBACK)).isEmpty();
		assertThat(reply.metadata(MetadataKeys.ENGINE_UUID)).isEqualTo(this.identity.uuid());
		assertThat(executionCount(reply)).isEqualTo("0");
		assertThat(this.kernel.variableNames()).doesNotContain("ranAnyway");
		assertThat(this.handler.counts()).containsEntry("aborted", 1L);
	}

	@Test
	void anyKindOfRequestCanBeAborted() {
		Message push = push("neverPushed", 1);
		this.ledger.abort("abort-1", List.of(push.header().msgId()));

		assertThat(run(push).content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(this.kernel.variableNames()).doesNotContain("neverPushed");
	}

	@Test
	void abortingARequestAlreadyRunReportsItAsAlreadyDone() {
		Message ran = execute("int ran = 1;");
		run(ran);
		String queued = UUID.randomUUID().toString();

		RequestLedger.Abort abort = this.ledger.abort("abort-2", List.of(ran.header().msgId(), queued));

		assertThat(abort.alreadyDone()).containsExactly(ran.header().msgId());
		assertThat(abort.aborted()).containsExactly(queued);
	}

	@Test
	void clearDropsTheNamespaceAndTheSessionsClassLoader() {
		run(execute("int defined = 1;"));
		run(push("pushed", "value"));
		this.classLoaders.forSession(this.session, () -> className -> null);

		Message reply = run(request(MessageType.CLEAR_REQUEST, Map.of(), List.of()));

		assertThat(reply.msgType()).isEqualTo(MessageType.CLEAR_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(this.kernel.variableNames()).isEmpty();
		assertThat(this.classLoaders.contains(this.session)).isFalse();
		assertThat(run(execute("defined")).content(MetadataKeys.ENAME)).isEqualTo(JShellKernel.COMPILATION_ERROR);
	}

	@Test
	void anAddedJarServesSnippetsAndShippedClassesAndSurvivesAClear() throws Exception {
		byte[] jar = TestJars.jarOf(this.temp.resolve("build"), "demo.lib.Greeter", GREETER_SOURCE);

		Message reply = run(addClasspath("greeter-1.0.jar", TestJars.sha256(jar), jar));

		assertThat(reply.msgType()).isEqualTo(MessageType.ADD_CLASSPATH_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		Path stored = Path.of(reply.content(RequestHandler.PATH));
		assertThat(stored).hasFileName("greeter-1.0.jar").hasBinaryContent(jar)
			.startsWith(this.temp.resolve("engine").resolve("lib"));
		assertThat(display(run(execute("demo.lib.Greeter.greet(\"engine\")")))).isEqualTo("\"hello engine\"");
		// shipped functions and values resolve the same class
		Class<?> greeter = this.libraryLoader.loadClass("demo.lib.Greeter");
		assertThat(this.classLoaders.forSession(this.session, () -> className -> null).loadClass("demo.lib.Greeter"))
			.isSameAs(greeter);
		// a value of a library class is declared with that class
		Message push = request(MessageType.PUSH_REQUEST, Map.of(RequestHandler.NAMES, "greeter"),
				List.of(ValueCodec.encode(greeter.getConstructor().newInstance())));
		assertThat(run(push).content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(display(run(execute("greeter.shout(\"you\")")))).isEqualTo("\"HELLO YOU\"");

		run(request(MessageType.CLEAR_REQUEST, Map.of(), List.of()));

		assertThat(display(run(execute("import demo.lib.Greeter;\nGreeter.greet(\"again\")"))))
			.isEqualTo("\"hello again\"");
	}

	@Test
	void addingTheSameJarTwiceIsANoOpSuccess() {
		byte[] jar = TestJars.jarOf(this.temp.resolve("build"), "demo.lib.Greeter", GREETER_SOURCE);
		Message first = run(addClasspath("greeter.jar", TestJars.sha256(jar), jar));

		Message second = run(addClasspath("greeter-copy.jar", TestJars.sha256(jar).toUpperCase(), jar));

		assertThat(second.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(second.content(RequestHandler.PATH)).isEqualTo(first.content(RequestHandler.PATH));
		assertThat(this.libraries.jars()).hasSize(1);
		assertThat(this.libraryLoader.jars()).hasSize(1);
	}

	@Test
	void aJarWhoseSha256DoesNotMatchIsRejected() {
		byte[] jar = TestJars.jarOf(this.temp.resolve("build"), "demo.lib.Greeter", GREETER_SOURCE);
		String wrong = TestJars.sha256("something else".getBytes(StandardCharsets.UTF_8));

		Message reply = run(addClasspath("greeter.jar", wrong, jar));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(reply.content(MetadataKeys.EVALUE)).contains("SHA-256 of greeter.jar")
			.contains(TestJars.sha256(jar))
			.contains("not " + wrong)
			.contains("was not added");
		assertThat(this.libraries.jars()).isEmpty();
		assertThat(run(execute("demo.lib.Greeter.greet(\"x\")")).content(MetadataKeys.ENAME))
			.isEqualTo(JShellKernel.COMPILATION_ERROR);
	}

	@Test
	void aJarNameThatIsNotAPlainJarFileNameIsRejected() {
		byte[] jar = TestJars.jarOf(this.temp.resolve("build"), "demo.lib.Greeter", GREETER_SOURCE);

		for (String name : List.of("../escape.jar", "lib/greeter.jar", "greeter.zip", "")) {
			Message reply = run(addClasspath(name, TestJars.sha256(jar), jar));

			assertThat(reply.content(MetadataKeys.STATUS)).as(name).isEqualTo(MetadataKeys.STATUS_ERROR);
			assertThat(reply.content(MetadataKeys.EVALUE)).as(name).contains("is not a jar name");
		}
		assertThat(this.libraries.jars()).isEmpty();
	}

	@Test
	void bytesThatAreNotAJarAreRejected() throws Exception {
		byte[] notAJar = "not a zip at all".getBytes(StandardCharsets.UTF_8);

		Message reply = run(addClasspath("fake.jar", TestJars.sha256(notAJar), notAJar));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.EVALUE)).contains("fake.jar is not a jar");
		assertThat(this.libraryLoader.jars()).isEmpty();
		try (var files = Files.list(this.temp.resolve("engine").resolve("lib"))) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aCancelStopsAnApplyInAnEndlessLoopAtOnceAndTheNextRequestRuns() throws Exception {
		Fn0<Object> endless = () -> {
			SPINNING.countDown();
			while (true) {
				// spins until stopped
			}
		};
		Message request = apply(endless, Map.of());
		String msgId = request.header().msgId();
		Future<Message> reply = this.consumer.submit(() -> run(request));
		assertThat(SPINNING.await(10, TimeUnit.SECONDS)).isTrue();

		RequestLedger.Abort abort = this.ledger.abort("abort-9", List.of(msgId), true);

		assertThat(abort.aborted()).containsExactly(msgId);
		assertThat(abort.cancelled()).containsExactly(msgId);
		assertThat(abort.alreadyDone()).isEmpty();
		Message cancelled = reply.get(2, TimeUnit.SECONDS);
		assertThat(cancelled.msgType()).isEqualTo(MessageType.APPLY_REPLY);
		assertThat(cancelled.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(cancelled.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(cancelled.content(MetadataKeys.EVALUE))
			.isEqualTo("cancelled while running on engine -1 (abort_request abort-9)");
		Fn0<Object> answer = () -> 42;
		Message next = this.consumer.submit(() -> run(apply(answer, Map.of()))).get(2, TimeUnit.SECONDS);
		assertThat(next.content(MetadataKeys.STATUS)).as("%s", next.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(ValueCodec.decode(next.buffers().get(0), getClass().getClassLoader())).isEqualTo(42);
		// Thread.stop() ends the loop up to JDK 19; later JDKs abandon the thread
		assertThat(this.runner.abandonedCount()).isEqualTo((Runtime.version().feature() < 20) ? 0 : 1);
		assertThat(this.handler.counts()).containsEntry("aborted", 1L);
	}

	@Test
	void aCancelStopsAnExecuteInAnEndlessLoopAndTheNamespaceServesTheNextRequest() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		this.kernel.push(Map.of("started", started));
		Message request = execute("started.countDown(); while (true) { }");
		Future<Message> reply = this.consumer.submit(() -> run(request));
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

		RequestLedger.Abort abort = this.ledger.abort("abort-3", List.of(request.header().msgId()), true);

		assertThat(abort.cancelled()).containsExactly(request.header().msgId());
		Message cancelled = reply.get(2, TimeUnit.SECONDS);
		assertThat(cancelled.content(MetadataKeys.ENAME)).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(cancelled.content(MetadataKeys.EVALUE)).contains("abort_request abort-3");
		assertThat(display(this.consumer.submit(() -> run(execute("1 + 1"))).get(2, TimeUnit.SECONDS))).isEqualTo("2");
		assertThat(this.runner.abandonedCount()).isZero();
	}

	@Test
	void anApplyOrExecuteRepliesFromTheRunnerThreadOnceAndTheWorkPathDoesNotSendItAgain() {
		List<String> sentBy = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Message> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplyDelivery delivery = new ReplyDelivery(reply -> {
			sentBy.add(Thread.currentThread().getName());
			sent.add(reply);
		});
		Fn0<Object> answer = () -> 42;

		Message reply = this.handler.run(apply(answer, Map.of()), delivery);
		delivery.deliver(reply);

		assertThat(sent).containsExactly(reply);
		assertThat(sentBy).singleElement().asString().startsWith("engine-runner-");
		assertThat(delivery.delivered()).isTrue();
	}

	@Test
	void aRequestThatDoesNotRunOnTheRunnerIsDeliveredByTheWorkPath() {
		List<String> sentBy = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplyDelivery delivery = new ReplyDelivery(reply -> sentBy.add(Thread.currentThread().getName()));

		Message reply = this.handler.run(push("pushed", 3), delivery);

		assertThat(delivery.delivered()).isFalse();
		delivery.deliver(reply);
		assertThat(sentBy).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void aDeliveryThatFailsOnTheRunnerIsTriedAgainByTheWorkPath() {
		java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
		ReplyDelivery delivery = new ReplyDelivery(reply -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("broker gone for a moment");
			}
		});

		Message reply = this.handler.run(execute("int tried = 1;"), delivery);

		assertThat(delivery.delivered()).isFalse();
		delivery.deliver(reply);
		assertThat(delivery.delivered()).isTrue();
		assertThat(attempts).hasValue(2);
	}

	@Test
	void aCancelledRequestsLateReplyIsNeverDeliveredOnlyItsTaskAborted() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.kernel.push(Map.of("started", started, "release", release));
		List<Message> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
		ReplyDelivery delivery = new ReplyDelivery(sent::add);
		Message request = execute("started.countDown(); try { release.await(); } catch (InterruptedException e) { } 7");
		Future<Message> reply = this.consumer.submit(() -> {
			Message answered = this.handler.run(request, delivery);
			delivery.deliver(answered);
			return answered;
		});
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

		this.ledger.abort("abort-5", List.of(request.header().msgId()), true);
		Message cancelled = reply.get(30, TimeUnit.SECONDS);
		release.countDown();

		assertThat(cancelled.content(MetadataKeys.ENAME)).as(String.valueOf(cancelled.content())).isEqualTo(MetadataKeys.TASK_ABORTED);
		assertThat(sent).containsExactly(cancelled);
	}

	@Test
	void anAbortWithoutCancelLeavesTheRunningRequestToFinish() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.kernel.push(Map.of("started", started, "release", release));
		Message request = execute("started.countDown(); release.await(); 7");
		Future<Message> reply = this.consumer.submit(() -> run(request));
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

		RequestLedger.Abort abort = this.ledger.abort("abort-4", List.of(request.header().msgId()));
		release.countDown();

		assertThat(abort.alreadyDone()).containsExactly(request.header().msgId());
		assertThat(display(reply.get(30, TimeUnit.SECONDS))).isEqualTo("7");
	}

	@Test
	void whatAnApplyOrAnExecutePrintsOnTheRunnerThreadComesBackWithItsReply() {
		Fn0<Object> printing = () -> {
			System.out.println("from apply");
			return 1;
		};

		assertThat(run(apply(printing, Map.of())).content(MetadataKeys.STDOUT)).isEqualTo("from apply\n");
		assertThat(run(execute("System.err.println(\"from execute\");")).content(MetadataKeys.STDERR))
			.isEqualTo("from execute\n");
	}

	@Test
	void clearBeforeRunsTheRequestInAFreshNamespace() {
		run(execute("int defined = 1;"));

		Message reply = run(request(MessageType.EXECUTE_REQUEST, Map.of(MetadataKeys.CLEAR_BEFORE, "true"),
				Map.of(RequestHandler.CODE, "defined"), List.of()));

		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(JShellKernel.COMPILATION_ERROR);
	}

	@Test
	void clearAfterLeavesAFreshNamespaceAlsoWhenTheRequestFailed() {
		Message failing = request(MessageType.EXECUTE_REQUEST, Map.of(MetadataKeys.CLEAR_AFTER, "true"),
				Map.of(RequestHandler.CODE, "int leftOver = 1;\nthrow new IllegalStateException(\"boom\");"), List.of());

		Message reply = run(failing);

		assertThat(reply.content(MetadataKeys.ENAME)).isEqualTo(IllegalStateException.class.getName());
		assertThat(this.kernel.variableNames()).isEmpty();
		Fn0<Object> answer = () -> "applied";
		Message applied = run(apply(answer, Map.of(MetadataKeys.CLEAR_AFTER, "true")));
		assertThat(applied.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
	}

	@Test
	void anExecuteRequestPushesItsValuesBeforeTheCodeAndPullsNamesAfterIt() throws Exception {
		Message request = request(MessageType.EXECUTE_REQUEST, Map.of(),
				Map.of(RequestHandler.CODE, "var sum = a + b;\nString text = label + sum;", MetadataKeys.PUSH_NAMES,
						"a,b,label", MetadataKeys.PULL_NAMES, "text,sum"),
				List.of(ValueCodec.encode(5), ValueCodec.encode(10), ValueCodec.encode("sum=")));

		Message reply = run(request);

		assertThat(reply.msgType()).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.buffers()).hasSize(2);
		assertThat(ValueCodec.decode(reply.buffers().get(0), getClass().getClassLoader())).isEqualTo("sum=15");
		assertThat(ValueCodec.decode(reply.buffers().get(1), getClass().getClassLoader())).isEqualTo(15);
	}

	@Test
	void pullingANameTheCodeDidNotDefineIsAnErrorNamingIt() {
		Message reply = run(request(MessageType.EXECUTE_REQUEST, Map.of(),
				Map.of(RequestHandler.CODE, "int here = 1;", MetadataKeys.PULL_NAMES, "here,missing"), List.of()));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.EVALUE)).isEqualTo("name 'missing' is not defined");
		assertThat(reply.buffers()).isEmpty();
	}

	@Test
	void pushNamesThatDoNotMatchTheBuffersAreAnErrorAndTheCodeDoesNotRun() {
		Message reply = run(request(MessageType.EXECUTE_REQUEST, Map.of(),
				Map.of(RequestHandler.CODE, "int ran = 1;", MetadataKeys.PUSH_NAMES, "a,b"),
				List.of(ValueCodec.encode(1))));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.EVALUE)).contains("names 2 variables to push but carries 1 values");
		assertThat(this.kernel.variableNames()).doesNotContain("ran");
	}

	private Message run(Message request) {
		return this.handler.run(request);
	}

	private Message apply(Object function, Map<String, String> metadata) {
		return request(MessageType.APPLY_REQUEST, metadata, Map.of(), List.of(ValueCodec.encode(function)));
	}

	private Message request(String type, Map<String, String> metadata, Map<String, String> content,
			List<byte[]> buffers) {
		return Message.request(Header.create(type, this.session, "tester"), metadata, content, buffers);
	}

	private Message execute(String code) {
		return request(MessageType.EXECUTE_REQUEST, Map.of(RequestHandler.CODE, code), List.of());
	}

	private Message push(String name, Object value) {
		return request(MessageType.PUSH_REQUEST, Map.of(RequestHandler.NAMES, name), List.of(ValueCodec.encode(value)));
	}

	private Message addClasspath(String name, String sha256, byte[] jar) {
		return request(MessageType.ADD_CLASSPATH_REQUEST, Map.of(RequestHandler.NAME, name, RequestHandler.SHA256,
				sha256), List.of(jar));
	}

	private Message request(String type, Map<String, String> content, List<byte[]> buffers) {
		return Message.request(Header.create(type, this.session, "tester"), Map.of(), content, buffers);
	}

	private static String executionCount(Message reply) {
		return reply.metadata(MetadataKeys.EXECUTION_COUNT);
	}

	private static String display(Message reply) {
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		return reply.content("display");
	}

}
