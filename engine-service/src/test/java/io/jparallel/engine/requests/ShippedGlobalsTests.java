package io.jparallel.engine.requests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.engine.classes.PeerClassLoader;
import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.GlobalVariable;
import io.jparallel.protocol.function.Invocation;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The engine's side: a class shaped like a JShell wrapper (a static variable, a lambda reading it) exists
 * only on the client and is fetched by a {@link PeerClassLoader}; the shipped value is set on that copy.
 */
class ShippedGlobalsTests {

	private static final String WRAPPER = """
			package REPL;
			import io.jparallel.protocol.function.Fn0;
			class $JShell$7 {
			    public static int k;
			    public static Fn0<Integer> twice() { return () -> k * 2; }
			}
			""";

	/** A static field of the engine's own, which no client may set. */
	public static int engineOwn = 1;

	@TempDir
	Path temp;

	private URLClassLoader client;

	@BeforeEach
	void compileTheClientsWrapper() throws Exception {
		Path source = Files.createDirectories(this.temp.resolve("src/REPL")).resolve("$JShell$7.java");
		Files.writeString(source, WRAPPER);
		Path out = Files.createDirectories(this.temp.resolve("out"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		String protocol = Path.of(Fn0.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		assertThat(javac.run(null, null, null, "-d", out.toString(), "-classpath", protocol, source.toString()))
			.isZero();
		this.client = new URLClassLoader(new URL[] { out.toUri().toURL() }, getClass().getClassLoader());
	}

	private byte[] fetch(String className) throws IOException {
		try (InputStream in = this.client.getResourceAsStream(className.replace('.', '/') + ".class")) {
			return (in != null) ? in.readAllBytes() : null;
		}
	}

	private byte[] clientLambda() throws Exception {
		java.lang.reflect.Method twice = Class.forName("REPL.$JShell$7", true, this.client).getMethod("twice");
		twice.setAccessible(true);
		Object lambda = twice.invoke(null);
		return ValueCodec.encode(lambda);
	}

	private ApplyPayload payload(GlobalVariable global, Object value) throws Exception {
		return ApplyPayload.of(clientLambda(), List.of(global), List.of(ValueCodec.encode(value)));
	}

	@Test
	void theShippedValueIsWhatTheFunctionSeesOnTheEngine() throws Exception {
		PeerClassLoader engine = new PeerClassLoader("session", getClass().getClassLoader(), this::fetch);
		ApplyPayload payload = payload(new GlobalVariable("REPL.$JShell$7", "k"), 5);
		Object function = ValueCodec.decode(payload.function(), engine);
		assertThat(Invocation.invoke(function, List.of())).as("the engine's fresh copy").isEqualTo(0);

		ShippedGlobals.assign(payload, engine);

		assertThat(Invocation.invoke(function, List.of())).isEqualTo(10);
	}

	@Test
	void onlyClassesTheClientShippedCanBeSet() throws Exception {
		PeerClassLoader engine = new PeerClassLoader("session", getClass().getClassLoader(), this::fetch);
		ApplyPayload payload = payload(new GlobalVariable(ShippedGlobalsTests.class.getName(), "engineOwn"), 99);

		assertThatIllegalArgumentException().isThrownBy(() -> ShippedGlobals.assign(payload, engine))
			.withMessageContaining("only classes shipped by the requesting client");
		assertThat(engineOwn).isEqualTo(1);
	}

	@Test
	void anUnknownVariableIsNamed() throws Exception {
		PeerClassLoader engine = new PeerClassLoader("session", getClass().getClassLoader(), this::fetch);
		ApplyPayload payload = payload(new GlobalVariable("REPL.$JShell$7", "nope"), 5);

		assertThatIllegalArgumentException().isThrownBy(() -> ShippedGlobals.assign(payload, engine))
			.withMessageContaining("'nope'");
	}

}
