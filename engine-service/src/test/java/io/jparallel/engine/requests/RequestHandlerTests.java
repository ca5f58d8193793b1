package io.jparallel.engine.requests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.classes.LibraryClassLoader;
import io.jparallel.engine.classes.PeerClassLoaders;
import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.engine.kernel.OutputCapture;
import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
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
		this.handler = new RequestHandler(this.cluster, this.identity, this.kernel, OutputCapture.install(),
				this.classLoaders, new EngineProperties(), this.ledger, new EngineReplies(this.identity, this.ledger),
				this.libraries);
	}

	@AfterEach
	void close() throws Exception {
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

	private Message run(Message request) {
		return this.handler.run(request);
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
