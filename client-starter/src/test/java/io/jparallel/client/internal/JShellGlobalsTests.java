package io.jparallel.client.internal;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn1;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan of JShell classes, on classes a real JShell (local execution) compiled and defined. */
class JShellGlobalsTests {

	private final TestJShell jshell = new TestJShell();

	@AfterEach
	void close() {
		this.jshell.close();
	}

	private static List<String> names(Object function) {
		return JShellGlobals.readBy(function).stream().map(JShellGlobals.ReadVariable::name).toList();
	}

	private static Object valueOf(Object function, String name) {
		return JShellGlobals.readBy(function).stream().filter(variable -> variable.name().equals(name))
			.findFirst().orElseThrow().value();
	}

	@Test
	void aLambdaReadingATopLevelVariableReadsItsStaticFieldWithTheCurrentValue() {
		this.jshell.eval("int k = 5;");
		Fn0<Integer> twice = this.jshell.value("(Fn0<Integer>) () -> k * 2");

		List<JShellGlobals.ReadVariable> read = JShellGlobals.readBy(twice);

		assertThat(read).singleElement().satisfies(variable -> {
			assertThat(variable.name()).isEqualTo("k");
			assertThat(variable.variable().className()).startsWith("REPL.$JShell$");
			assertThat(variable.type()).isEqualTo(int.class);
			assertThat(variable.value()).isEqualTo(5);
		});
		this.jshell.eval("k = 7;");
		assertThat(valueOf(twice, "k")).isEqualTo(7);
	}

	@Test
	void methodsTheLambdaCallsAreFollowedToTheVariablesTheyRead() {
		this.jshell.eval("int m = 3;");
		this.jshell.eval("int base = 10;");
		this.jshell.eval("int times(int x) { return x * m; }");
		this.jshell.eval("int twice(int x) { return times(x) + base; }");
		Fn1<Integer, Integer> f = this.jshell.value("(Fn1<Integer, Integer>) x -> twice(x)");

		assertThat(names(f)).containsExactlyInAnyOrder("m", "base");
	}

	@Test
	void onlyWhatTheLambdaReadsCountsNotWhatTheRestOfItsSnippetReads() {
		this.jshell.eval("String unrelated = \"u\";");
		this.jshell.eval("int k = 1;");
		Fn0<Integer> f = this.jshell.value("unrelated.isEmpty() ? null : (Fn0<Integer>) () -> k");

		assertThat(names(f)).containsExactly("k");
	}

	@Test
	void nestedLambdasAndJShellLambdasHeldInVariablesAreFollowed() {
		this.jshell.eval("List<Integer> xs = List.of(1, 2, 3);");
		this.jshell.eval("int factor = 2;");
		this.jshell.eval("int offset = 4;");
		this.jshell.eval("java.util.function.Function<Integer, Integer> shift ="
				+ " (java.util.function.Function<Integer, Integer> & java.io.Serializable) x -> x + offset;");
		Fn0<List<Integer>> f = this.jshell.value(
				"(Fn0<List<Integer>>) () -> xs.stream().map(x -> shift.apply(x * factor)).toList()");

		assertThat(names(f)).containsExactlyInAnyOrder("xs", "factor", "shift", "offset");
	}

	@Test
	void methodsOfClassesDeclaredInJShellAreFollowed() {
		this.jshell.eval("int step = 3;");
		this.jshell.eval("class Counter implements java.io.Serializable { int next(int x) { return x + step; } }");
		this.jshell.eval("Counter counter = new Counter();");
		Fn1<Integer, Integer> f = this.jshell.value("(Fn1<Integer, Integer>) x -> counter.next(x)");

		assertThat(names(f)).containsExactlyInAnyOrder("counter", "step");
	}

	@Test
	void functionsNotWrittenInJShellReadNothing() {
		Fn0<Integer> plain = () -> 42;

		assertThat(JShellGlobals.readBy(plain)).isEmpty();
	}

	@Test
	void eachClassIsScannedOnce() {
		this.jshell.eval("int k = 5;");
		Fn0<Integer> f = this.jshell.value("(Fn0<Integer>) () -> k");
		Class<?> wrapper = loadWrapper(f);

		assertThat(ReplClassCode.of(wrapper)).isSameAs(ReplClassCode.of(wrapper));
		assertThat(ReplClassCode.of(String.class).methods()).isEmpty();
	}

	private static Class<?> loadWrapper(Object function) {
		try {
			return Class.forName(JShellGlobals.readBy(function).get(0).variable().className(), false,
					function.getClass().getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
