package io.jparallel.client;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.TestJShell;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.function.ApplyPayload;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.value.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Requests carrying functions written in JShell carry the values of the top-level variables they read. */
class JShellVariablesRequestTests {

	private final FakeDispatcher dispatcher = new FakeDispatcher();

	private final ViewSupport support = new ViewSupport(this.dispatcher, loader -> {
	}, getClass().getClassLoader(), () -> List.of(0, 1));

	private final TestJShell jshell = new TestJShell();

	@AfterEach
	void close() {
		this.jshell.close();
	}

	private static Object decode(byte[] value) throws Exception {
		return ValueCodec.decode(value, JShellVariablesRequestTests.class.getClassLoader());
	}

	@Test
	void anApplyCarriesTheVariablesValuesAtSubmissionBetweenFunctionAndArguments() throws Exception {
		this.jshell.eval("int k = 5;");
		Fn1<Integer, Integer> f = this.jshell.value("(Fn1<Integer, Integer>) x -> x * k");

		this.support.apply(f, new Object[] { 3 }, List.of(0));
		this.jshell.eval("k = 7;");
		new LoadBalancedView(this.support, TaskFlags.DEFAULTS).applyAsync(f, 3);

		Message first = this.dispatcher.sent().get(0).request();
		Message second = this.dispatcher.sent().get(1).request();
		assertThat(first.content(MetadataKeys.GLOBALS)).matches("REPL\\.\\$JShell\\$\\d+\\.k");
		ApplyPayload payload = ApplyPayload.from(first);
		assertThat(decode(payload.globalValues().get(0))).isEqualTo(5);
		assertThat(decode(payload.arguments().get(0))).isEqualTo(3);
		assertThat(decode(ApplyPayload.from(second).globalValues().get(0))).isEqualTo(7);
	}

	@Test
	void everyChunkOfAMapCarriesThem() throws Exception {
		this.jshell.eval("int offset = 100;");
		Fn1<Integer, Integer> f = this.jshell.value("(Fn1<Integer, Integer>) x -> x + offset");

		new DirectView(this.support, List.of(0, 1), false).mapAsync(f, List.of(1, 2, 3, 4));

		assertThat(this.dispatcher.sent()).hasSize(2).allSatisfy(sent -> {
			ApplyPayload payload = ApplyPayload.from(sent.request());
			assertThat(payload.globals()).extracting(g -> g.fieldName()).containsExactly("offset");
			assertThat(decode(payload.globalValues().get(0))).isEqualTo(100);
			assertThat(payload.arguments()).hasSize(1);
		});
	}

	@Test
	void aVariableThatCannotBeSentIsAnErrorNamingItAtSubmission() {
		this.jshell.eval("Thread worker = new Thread(() -> { });");
		Fn0<String> f = this.jshell.value("(Fn0<String>) () -> worker.getName()");

		assertThatIllegalArgumentException().isThrownBy(() -> this.support.apply(f, new Object[0], List.of(0)))
			.withMessageStartingWith("the lambda reads JShell variable 'worker' (java.lang.Thread), which cannot be"
					+ " sent to engines: ");
		assertThat(this.dispatcher.sent()).isEmpty();
	}

	@Test
	void anExecutorsCallableWrittenInJShellCarriesThemToo() throws Exception {
		this.jshell.eval("int k = 6;");
		java.util.concurrent.Callable<Integer> task = this.jshell.value(
				"(java.util.concurrent.Callable<Integer> & java.io.Serializable) () -> k + 1");

		new DirectView(this.support, List.of(0), false).executor().submit(task);

		ApplyPayload payload = ApplyPayload.from(this.dispatcher.last().request());
		assertThat(payload.globals()).extracting(g -> g.fieldName()).containsExactly("k");
		assertThat(decode(payload.globalValues().get(0))).isEqualTo(6);
	}

	@Test
	void functionsNotWrittenInJShellTravelAsBefore() {
		Fn0<Integer> plain = () -> 42;

		this.support.apply(plain, new Object[0], List.of(0));

		Message request = this.dispatcher.last().request();
		assertThat(request.content()).doesNotContainKey(MetadataKeys.GLOBALS);
		assertThat(request.buffers()).hasSize(1);
	}

}
