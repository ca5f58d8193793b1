package io.jparallel.engine.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelTests {

	private JShellKernel kernel;

	@BeforeAll
	void startKernel() {
		this.kernel = new JShellKernel(getClass().getClassLoader());
		this.kernel.warmUp();
	}

	@AfterAll
	void closeKernel() {
		this.kernel.close();
	}

	@Test
	void warmUpLeavesNothingInTheNamespace() {
		assertThat(this.kernel.variableNames()).noneMatch(name -> name.startsWith("jparallelWarmUp"));
		assertThat(this.kernel.execute("jparallelWarmUpTwice(1)").ok()).isFalse();
		assertThat(this.kernel.execute("int jparallelWarmUp = 7;").ok()).isTrue();
		assertThat(this.kernel.pull(List.of("jparallelWarmUp"))).containsExactly(Map.entry("jparallelWarmUp", 7));
	}

	@Test
	void variableDefinedByCodeCanBePulled() {
		ExecutionOutcome outcome = this.kernel.execute("var pid = ProcessHandle.current().pid();");

		assertThat(outcome.ok()).isTrue();
		assertThat(this.kernel.pull(List.of("pid"))).containsEntry("pid", ProcessHandle.current().pid());
	}

	@Test
	void pushedBoxedValuesTakePartInArithmetic() {
		this.kernel.push(Map.of("a", 5, "b", 10));

		ExecutionOutcome outcome = this.kernel.execute("var c = a + b;");

		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		assertThat(this.kernel.pull(List.of("c"))).containsExactly(Map.entry("c", 15));
	}

	@Test
	void codeStringWithSeveralStatementsRunsThemInOrder() {
		ExecutionOutcome outcome = this.kernel.execute("""
				int total = 0;
				for (int i = 1; i <= 10; i++) {
				    total += i;
				}
				String describe(int n) { return "total=" + n; }
				String description = describe(total)
				""");

		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		assertThat(this.kernel.pull(List.of("total", "description")))
			.containsExactly(Map.entry("total", 55), Map.entry("description", "total=55"));
	}

	@Test
	void lastExpressionIsDisplayedLikeJShellShowsIt() {
		assertThat(this.kernel.execute("int six = 6; six * 7").display()).isEqualTo("42");
		assertThat(this.kernel.execute("\"a\" + \"b\";").display()).isEqualTo("\"ab\"");
		assertThat(this.kernel.execute("int notAnExpression = 1;").display()).isNull();
	}

	@Test
	void importsOfTheJShellToolAreAvailable() {
		ExecutionOutcome outcome = this.kernel.execute("List.of(1, 2).stream().collect(Collectors.toList()).size()");

		assertThat(outcome.display()).as("%s", outcome).isEqualTo("2");
	}

	@Test
	void displayOfAHugeArrayIsBounded() {
		ExecutionOutcome outcome = this.kernel.execute("new double[5_000_000]");

		assertThat(outcome.display()).startsWith("double[5000000] { 0.0, 0.0").endsWith(", ... }")
			.hasSizeLessThan(1000);
	}

	@Test
	void runtimeExceptionReportsItsClassAndTraceback() {
		ExecutionOutcome outcome = this.kernel.execute("int before = 1;\n1/0;\nint after = 2;");

		assertThat(outcome.ok()).isFalse();
		assertThat(outcome.ename()).isEqualTo("java.lang.ArithmeticException");
		assertThat(outcome.evalue()).isEqualTo("/ by zero");
		assertThat(outcome.traceback()).startsWith("java.lang.ArithmeticException: / by zero\n\tat ")
			.doesNotContain("jdk.jshell")
			.doesNotContain("KernelExecutionControl");
		assertThat(this.kernel.variableNames()).contains("before").doesNotContain("after");
	}

	@Test
	void exceptionThrownInsideAMethodShowsTheMethodAndItsCause() {
		ExecutionOutcome outcome = this.kernel.execute("""
				void fail() { throw new IllegalStateException("outer", new java.io.IOException("inner")); }
				fail();
				""");

		assertThat(outcome.ename()).isEqualTo("java.lang.IllegalStateException");
		assertThat(outcome.traceback()).contains("\tat fail (#").contains("Caused by: java.io.IOException: inner");
	}

	@Test
	void compileErrorIsReportedWithTheOffendingSourceLine() {
		ExecutionOutcome outcome = this.kernel.execute("int fine = 1;\nint broken = undefinedThing + 1;\nint never = 3;");

		assertThat(outcome.ok()).isFalse();
		assertThat(outcome.ename()).isEqualTo("CompilationError");
		assertThat(outcome.evalue()).contains("cannot find symbol").contains("undefinedThing")
			.doesNotContain("location: class");
		assertThat(outcome.traceback()).contains("int broken = undefinedThing + 1;").contains("^");
		assertThat(this.kernel.variableNames()).contains("fine").doesNotContain("broken", "never");
	}

	@Test
	void incompleteCodeIsACompileError() {
		ExecutionOutcome outcome = this.kernel.execute("void unfinished() {");

		assertThat(outcome.ename()).isEqualTo("CompilationError");
	}

	@Test
	void methodWithUnresolvedReferenceFailsWhenCalled() {
		ExecutionOutcome outcome = this.kernel.execute("int usesMissing() { return missingVariable; }\nusesMissing();");

		assertThat(outcome.ename()).isEqualTo("UnresolvedReferenceException");
		assertThat(outcome.evalue()).contains("usesMissing");
	}

	@Test
	void outputOfExecutedCodeIsCaptured() {
		OutputCapture capture = OutputCapture.install();
		ExecutionOutcome outcome;
		OutputCapture.Capture output;
		try (OutputCapture.Capture c = capture.begin()) {
			outcome = this.kernel.execute("System.out.println(\"hello \" + 42); System.err.print(\"oops\");");
			output = c;
		}

		assertThat(outcome.ok()).isTrue();
		assertThat(output.stdout()).isEqualTo("hello 42" + System.lineSeparator());
		assertThat(output.stderr()).isEqualTo("oops");
	}

	@Test
	void largeDoubleArrayRoundTripsByReference() {
		double[] data = new double[1_000_000];
		Arrays.setAll(data, (i) -> i * 0.5);

		this.kernel.push(Map.of("data", data));
		ExecutionOutcome outcome = this.kernel.execute("double sum = 0; for (double d : data) sum += d;");

		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		Map<String, Object> pulled = this.kernel.pull(List.of("data", "sum"));
		assertThat(pulled.get("data")).isSameAs(data);
		assertThat(pulled.get("sum")).isEqualTo(Arrays.stream(data).sum());
	}

	@Test
	void pushingAgainReplacesTheValueAndKeepsTheType() {
		this.kernel.push(Map.of("again", 1));
		this.kernel.push(Map.of("again", 2));
		assertThat(this.kernel.execute("int doubled = again * 2;").ok()).isTrue();
		this.kernel.push(Map.of("again", "now a string"));

		assertThat(this.kernel.pull(List.of("doubled", "again")))
			.containsExactly(Map.entry("doubled", 4), Map.entry("again", "now a string"));
		assertThat(this.kernel.execute("again.length()").display()).isEqualTo("12");
	}

	@Test
	void pushedValuesAreDeclaredWithTheirMostSpecificPublicType() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("list", new ArrayList<>(List.of(1, 2, 3)));
		values.put("fixed", Arrays.asList("x", "y"));
		values.put("unmodifiable", Collections.unmodifiableList(List.of(4, 5)));
		values.put("nothing", null);
		values.put("strings", new String[] { "p", "q" });
		this.kernel.push(values);

		assertThat(this.kernel.execute("list.ensureCapacity(10); list.size()").display()).isEqualTo("3");
		assertThat(this.kernel.execute("fixed.get(1)").display()).isEqualTo("\"y\"");
		assertThat(this.kernel.execute("unmodifiable.size()").display()).isEqualTo("2");
		assertThat(this.kernel.execute("nothing == null").display()).isEqualTo("true");
		assertThat(this.kernel.execute("strings[1].toUpperCase()").display()).isEqualTo("\"Q\"");
	}

	@Test
	void pushedListOfOneElementClassIsDeclaredWithItsTypeArgumentSoLambdasCompile() {
		this.kernel.push(Map.of("numbers", new ArrayList<>(List.of(1, 2, 3))));

		ExecutionOutcome outcome = this.kernel.execute("var squares = numbers.stream().map(v -> v * v).toList();");

		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		assertThat(this.kernel.pull(List.of("squares"))).containsExactly(Map.entry("squares", List.of(1, 4, 9)));
		assertThat(this.kernel.execute("numbers.get(0) + 41").display()).isEqualTo("42");
	}

	@Test
	void pushedMapOfOneKeyClassAndOneValueClassIsDeclaredWithBothTypeArguments() {
		Map<String, Integer> ages = new LinkedHashMap<>();
		ages.put("ada", 36);
		ages.put("alan", 41);
		this.kernel.push(Map.of("ages", ages));

		ExecutionOutcome outcome = this.kernel.execute("int total = ages.values().stream().mapToInt(a -> a).sum();");

		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		assertThat(this.kernel.execute("ages.keySet().iterator().next().toUpperCase()").display()).isEqualTo("\"ADA\"");
		assertThat(this.kernel.pull(List.of("total"))).containsExactly(Map.entry("total", 77));
	}

	@Test
	void pushingAListOfAnotherElementClassUnderTheSameNameRedeclaresIt() {
		this.kernel.push(Map.of("items", new ArrayList<>(List.of(1, 2))));
		this.kernel.push(Map.of("items", new ArrayList<>(List.of(3, 4))));
		assertThat(this.kernel.execute("int sum = items.get(0) + items.get(1);").ok()).isTrue();
		assertThat(this.kernel.pull(List.of("sum"))).containsExactly(Map.entry("sum", 7));

		this.kernel.push(Map.of("items", new ArrayList<>(List.of("x", "y"))));

		ExecutionOutcome outcome = this.kernel.execute("String joined = items.get(0).concat(items.get(1));");
		assertThat(outcome.ok()).as("%s", outcome).isTrue();
		assertThat(this.kernel.pull(List.of("joined"))).containsExactly(Map.entry("joined", "xy"));
	}

	@Test
	void pushedMixedOrEmptyListsStayRaw() {
		this.kernel.push(Map.of("mixed", new ArrayList<>(List.of(1, "two")), "empty", new ArrayList<>()));

		assertThat(this.kernel.execute("mixed.size()").display()).isEqualTo("2");
		assertThat(this.kernel.execute("Object first = mixed.get(0);").ok()).isTrue();
		// raw: get returns Object, which has no intValue()
		assertThat(this.kernel.execute("mixed.get(0).intValue()").ename()).isEqualTo(JShellKernel.COMPILATION_ERROR);
		assertThat(this.kernel.execute("empty.add(\"anything\"); empty.add(3); empty.size()").display())
			.isEqualTo("2");
	}

	@Test
	void pushedValueOfAClassThatSnippetsCannotNameIsDeclaredAsItsPublicInterface() {
		Runnable hidden = new HiddenRunnable();

		this.kernel.push(Map.of("task", hidden));

		assertThat(this.kernel.execute("task.run(); task.getClass().getSimpleName()").display())
			.isEqualTo("\"HiddenRunnable\"");
	}

	@Test
	void interruptStopsRunningCodeAndSkipsTheRest() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		this.kernel.push(Map.of("started", started));
		ExecutorService requests = Executors.newSingleThreadExecutor();
		try {
			Future<ExecutionOutcome> outcome = requests.submit(() -> this.kernel
				.execute("started.countDown(); long spins = 0; while (true) { spins++; }\nint afterLoop = 1;"));
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

			this.kernel.interrupt();

			assertThat(outcome.get(30, TimeUnit.SECONDS).ename()).isEqualTo(JShellKernel.INTERRUPTED);
			assertThat(this.kernel.variableNames()).doesNotContain("afterLoop");
			assertThat(this.kernel.execute("1 + 1").display()).isEqualTo("2");
		}
		finally {
			requests.shutdownNow();
		}
	}

	@Test
	void invalidVariableNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.kernel.push(Map.of("not valid", 1)))
			.withMessageContaining("'not valid' is not a valid Java variable name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.kernel.push(Map.of("class", 1)))
			.withMessageContaining("not a valid Java variable name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.kernel.pull(List.of("a; System.exit(1)")));
	}

	@Test
	void pullingAnUnknownNameFailsWithItsName() {
		assertThatThrownBy(() -> this.kernel.pull(List.of("neverDefined")))
			.isInstanceOfSatisfying(NoSuchVariableException.class,
					(ex) -> assertThat(ex.name()).isEqualTo("neverDefined"))
			.hasMessage("name 'neverDefined' is not defined");
	}

	@Test
	void resetDropsAllVariables() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			own.push(Map.of("kept", 1));
			own.execute("int defined = 2;");

			own.reset();

			assertThat(own.variableNames()).isEmpty();
			assertThatThrownBy(() -> own.pull(List.of("kept"))).isInstanceOf(NoSuchVariableException.class);
			assertThat(own.execute("defined").ename()).isEqualTo("CompilationError");
			assertThat(own.execute("int again = 3; again").display()).isEqualTo("3");
		}
	}

	@Test
	void pushingANewNameCompilesNothingUntilCodeRuns() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			double[] data = { 1.5, 2.5 };
			own.push(Map.of("held", data));
			own.push(Map.of("label", "first"));
			own.push(Map.of("label", "second"));

			assertThat(own.evaluations()).as("snippets compiled by pushes").isZero();
			assertThat(own.variableNames()).containsExactly("held", "label");
			assertThat(own.pull(List.of("held", "label"))).containsExactly(Map.entry("held", data),
					Map.entry("label", "second"));

			ExecutionOutcome outcome = own.execute("double total = held[0] + held[1] + label.length();");

			assertThat(outcome.ok()).as("%s", outcome).isTrue();
			assertThat(own.pull(List.of("held", "total"))).containsExactly(Map.entry("held", data),
					Map.entry("total", 10.0));
			assertThat(own.variableNames()).containsExactlyInAnyOrder("held", "label", "total");
		}
	}

	@Test
	void aHeldValueOfAnotherTypeShadowsTheDeclaredVariableUntilCodeRuns() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			own.execute("int shadowed = 1;");
			long compiled = own.evaluations();

			own.push(Map.of("shadowed", "text"));

			assertThat(own.evaluations()).isEqualTo(compiled);
			assertThat(own.variableNames()).containsExactly("shadowed");
			assertThat(own.pull(List.of("shadowed"))).containsEntry("shadowed", "text");
			assertThat(own.execute("shadowed.length()").display()).isEqualTo("4");
		}
	}

	@Test
	void theWarmUpIsSkippedOnceCodeHasRun() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			own.execute("int ranFirst = 1 + 1;");
			long compiled = own.evaluations();

			assertThat(own.warmUp()).isFalse();
			assertThat(own.evaluations()).isEqualTo(compiled);
		}
	}

	@Test
	void resetDropsHeldValuesToo() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			own.push(Map.of("dropped", 1));

			own.reset();

			assertThat(own.variableNames()).isEmpty();
			assertThatThrownBy(() -> own.pull(List.of("dropped"))).isInstanceOf(NoSuchVariableException.class);
		}
	}

	@Test
	void noValueIsLeftParkedInTheBridge() {
		this.kernel.push(Map.of("parked", new Object()));

		assertThat(NamespaceBridge.size()).isZero();
	}

	private static final class HiddenRunnable implements Runnable {

		@Override
		public void run() {
		}

	}

}
