package io.jparallel.engine.classes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.jparallel.engine.kernel.ExecutionOutcome;
import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.function.Invocation;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerClassLoaderTests {

	private static final String HELPER = """
			package demo;
			public class Helper {
			    public static int twice(int x) { return 2 * x; }
			}
			""";

	private static final String SHIPPER = """
			package demo;
			import io.jparallel.protocol.function.Fn1;
			public class Shipper {
			    public static Fn1<Integer, Integer> make() {
			        Fn1<Integer, Integer> f = x -> Helper.twice(x) + 1;
			        return f;
			    }
			}
			""";

	@TempDir
	Path classes;

	/** The client: the only place demo.* classes exist. */
	private URLClassLoader client;

	private final List<String> asked = new CopyOnWriteArrayList<>();

	@BeforeEach
	void compileClientClasses() throws Exception {
		Path sources = Files.createDirectories(this.classes.resolve("src/demo"));
		Files.writeString(sources.resolve("Helper.java"), HELPER);
		Files.writeString(sources.resolve("Shipper.java"), SHIPPER);
		Path out = Files.createDirectories(this.classes.resolve("out"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		String protocolJar = Path.of(Fn1.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		int status = javac.run(null, null, null, "-d", out.toString(), "-classpath", protocolJar,
				sources.resolve("Helper.java").toString(), sources.resolve("Shipper.java").toString());
		assertThat(status).as("javac exit status").isZero();
		this.client = new URLClassLoader(new URL[] { out.toUri().toURL() }, getClass().getClassLoader());
	}

	private byte[] fetchFromClient(String className) throws IOException {
		this.asked.add(className);
		try (InputStream in = this.client.getResourceAsStream(className.replace('.', '/') + ".class")) {
			return (in != null) ? in.readAllBytes() : null;
		}
	}

	private PeerClassLoader engineSide() {
		return new PeerClassLoader("session-1", getClass().getClassLoader(), this::fetchFromClient);
	}

	private byte[] shippedLambda() throws Exception {
		Object lambda = this.client.loadClass("demo.Shipper").getMethod("make").invoke(null);
		return ValueCodec.encode(lambda);
	}

	@Test
	void lambdaUsingAClientOnlyHelperRunsOnTheEngine() throws Exception {
		byte[] bytes = shippedLambda();
		PeerClassLoader peer = engineSide();

		Object function = ValueCodec.decode(bytes, peer);
		Object result = Invocation.invoke(function, List.of(20));

		assertThat(result).isEqualTo(41);
		assertThat(this.asked).contains("demo.Shipper", "demo.Helper");
		assertThat(function.getClass().getClassLoader()).isSameAs(peer);
		assertThat(peer.fetchedClasses()).containsOnlyKeys("demo.Helper", "demo.Shipper")
			.allSatisfy((name, sha256) -> assertThat(sha256).hasSize(64).matches("[0-9a-f]+"));
	}

	@Test
	void withoutThePeerLoaderTheLambdaCannotBeDecoded() throws Exception {
		byte[] bytes = shippedLambda();

		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> ValueCodec.decode(bytes, getClass().getClassLoader()));
	}

	@Test
	void engineClassesComeFromTheParentAndAreNeverFetched() throws Exception {
		PeerClassLoader peer = engineSide();

		assertThat(peer.loadClass(Fn1.class.getName())).isSameAs(Fn1.class);
		assertThat(peer.loadClass("java.lang.String")).isSameAs(String.class);
		assertThat(this.asked).isEmpty();
	}

	@Test
	void eachClassIsFetchedOnceAndMissesAreRemembered() throws Exception {
		PeerClassLoader peer = engineSide();

		Class<?> helper = peer.loadClass("demo.Helper");
		assertThat(peer.getResourceAsStream("demo/Helper.class")).isNotNull().satisfies(InputStream::close);
		assertThatThrownBy(() -> peer.loadClass("demo.Missing")).isInstanceOf(ClassNotFoundException.class)
			.hasMessageContaining("session-1");
		assertThatThrownBy(() -> peer.loadClass("demo.Missing")).isInstanceOf(ClassNotFoundException.class);

		assertThat(helper.getClassLoader()).isSameAs(peer);
		assertThat(this.asked).containsExactly("demo.Helper", "demo.Missing");
	}

	@Test
	void classResourceServesTheFetchedBytes() throws Exception {
		PeerClassLoader peer = engineSide();

		byte[] expected = fetchFromClient("demo.Helper");
		try (InputStream in = peer.getResourceAsStream("demo/Helper.class")) {
			assertThat(in).isNotNull();
			assertThat(in.readAllBytes()).isEqualTo(expected);
		}
		assertThat(peer.getResource("demo/notes.txt")).isNull();
	}

	@Test
	void fetchFailureIsAClassNotFoundWithTheCause() {
		PeerClassLoader peer = new PeerClassLoader("broken", getClass().getClassLoader(), (name) -> {
			throw new IOException("client went away");
		});

		assertThatThrownBy(() -> peer.loadClass("demo.Helper")).isInstanceOf(ClassNotFoundException.class)
			.hasMessageContaining("client went away")
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void lambdaFromAPeerClassCanBePushedIntoAKernelAndAppliedThere() throws Exception {
		PeerClassLoader peer = engineSide();
		Object function = ValueCodec.decode(shippedLambda(), peer);

		// The compiler cannot see peer classes, so the value is declared as its public interface Fn1
		try (JShellKernel kernel = new JShellKernel(peer)) {
			kernel.push(Map.of("f", function));
			ExecutionOutcome outcome = kernel.execute("var r = f.apply(4); r");

			assertThat(outcome.ok()).as("%s", outcome).isTrue();
			assertThat(kernel.pull(List.of("r"))).containsEntry("r", 9);
			assertThat(kernel.execute("Class.forName(\"demo.Helper\").getMethod(\"twice\", int.class).invoke(null, 5)")
				.display()).isEqualTo("10");
		}
	}

}
