package io.jparallel.engine.kernel;

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

/** Code run again without compiling it again: {@link CompiledSnippets} as the kernel uses it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelCompiledSnippetTests {

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
	void declarationRunAgainIsNotCompiledAgainAndAssignsItsVariableAgain() {
		assertThat(this.kernel.execute("int hit = 1;").ok()).isTrue();
		assertThat(this.kernel.execute("hit = 7;").ok()).isTrue();
		long evaluations = this.kernel.evaluations();

		ExecutionOutcome outcome = this.kernel.execute("int hit = 1;");

		assertThat(outcome.ok()).isTrue();
		assertThat(outcome.display()).isNull();
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
		assertThat(this.kernel.pull(List.of("hit"))).containsEntry("hit", 1);
		assertThat(this.kernel.variableNames()).contains("hit");
	}

	@Test
	void expressionRunAgainIsDisplayedAsWhenCompiled() {
		this.kernel.execute("int shown = 3;");
		String assigned = this.kernel.execute("shown = shown + 1").display();
		String read = this.kernel.execute("shown").display();
		long evaluations = this.kernel.evaluations();

		assertThat(this.kernel.execute("shown = shown + 1").display()).isEqualTo("5").isNotEqualTo(assigned);
		assertThat(this.kernel.execute("shown").display()).isEqualTo("5").isNotEqualTo(read);
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
	}

	@Test
	void expressionWithATemporaryVariableIsCompiledEachTime() {
		assertThat(this.kernel.execute("20 + 22").display()).isEqualTo("42");
		long evaluations = this.kernel.evaluations();

		assertThat(this.kernel.execute("20 + 22").display()).isEqualTo("42");
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations + 1);
	}

	@Test
	void redefinedMethodIsSeenByCodeRunAgain() {
		this.kernel.execute("int version() { return 1; }");
		this.kernel.execute("int seen = version();");
		this.kernel.execute("int seen = version();");
		assertThat(this.kernel.pull(List.of("seen"))).containsEntry("seen", 1);

		this.kernel.execute("int version() { return 2; }");
		long evaluations = this.kernel.evaluations();
		assertThat(this.kernel.execute("int seen = version();").ok()).isTrue();

		assertThat(this.kernel.evaluations()).isEqualTo(evaluations + 1);
		assertThat(this.kernel.pull(List.of("seen"))).containsEntry("seen", 2);
	}

	@Test
	void pushedValueIsSeenByCodeRunAgain() {
		this.kernel.push(Map.of("pushed", 5));
		assertThat(this.kernel.execute("var derived = pushed + 1;").ok()).isTrue();
		assertThat(this.kernel.pull(List.of("derived"))).containsEntry("derived", 6);

		// same type: the variable's field is assigned, the compiled code stays good
		this.kernel.push(Map.of("pushed", 10));
		long evaluations = this.kernel.evaluations();
		assertThat(this.kernel.execute("var derived = pushed + 1;").ok()).isTrue();
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
		assertThat(this.kernel.pull(List.of("derived"))).containsEntry("derived", 11);

		// another type: a new declaration, the code is compiled again against it
		this.kernel.push(Map.of("pushed", "a"));
		assertThat(this.kernel.execute("var derived = pushed + 1;").ok()).isTrue();
		assertThat(this.kernel.pull(List.of("derived"))).containsEntry("derived", "a1");
	}

	@Test
	void severalStatementsRunAgainInOrderAndShowTheLastValue() {
		String code = "int first = 1;\nint second = first + 1;\nfor (int i = 0; i < 3; i++) { second++; }\nsecond = second * 10";
		assertThat(this.kernel.execute(code).display()).isEqualTo("50");
		this.kernel.execute("first = 100;");
		long evaluations = this.kernel.evaluations();

		ExecutionOutcome outcome = this.kernel.execute(code);

		assertThat(outcome.display()).isEqualTo("50");
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
		assertThat(this.kernel.pull(List.of("first", "second"))).containsExactly(Map.entry("first", 1),
				Map.entry("second", 50));
	}

	@Test
	void exceptionOfCodeRunAgainIsReportedAsWhenCompiled() {
		this.kernel.push(Map.of("divisor", 1));
		String code = "int quotient = 10 / divisor;";
		assertThat(this.kernel.execute(code).ok()).isTrue();
		this.kernel.push(Map.of("divisor", 0));
		long evaluations = this.kernel.evaluations();

		ExecutionOutcome rerun = this.kernel.execute(code);

		assertThat(this.kernel.evaluations()).as("only the snippet that reports it").isEqualTo(evaluations + 1);
		// a redeclaration whose initializer throws leaves the variable as it was, with eval as here
		assertThat(this.kernel.pull(List.of("quotient"))).containsEntry("quotient", 10);
		this.kernel.execute("int anyDeclarationForgetsCompiledCode = 0 + 0;");
		evaluations = this.kernel.evaluations();
		ExecutionOutcome compiled = this.kernel.execute(code);
		assertThat(this.kernel.evaluations()).isEqualTo(evaluations + 1);
		assertThat(this.kernel.pull(List.of("quotient"))).containsEntry("quotient", 10);
		assertThat(rerun.ok()).isFalse();
		assertThat(rerun.ename()).isEqualTo(compiled.ename()).isEqualTo("java.lang.ArithmeticException");
		assertThat(rerun.evalue()).isEqualTo(compiled.evalue()).isEqualTo("/ by zero");
		assertThat(withoutSnippetIds(rerun.traceback())).isEqualTo(withoutSnippetIds(compiled.traceback()))
			.startsWith("java.lang.ArithmeticException: / by zero\n\tat (#N:1)");
		this.kernel.push(Map.of("divisor", 2));
		assertThat(this.kernel.execute(code).ok()).isTrue();
		assertThat(this.kernel.pull(List.of("quotient"))).containsEntry("quotient", 5);
	}

	@Test
	void declarationReadingItsOwnVariableCountsOnAsWithEval() {
		this.kernel.execute("int counted = 0;");
		String code = "int counted = counted + 1;";
		for (int expected = 1; expected <= 3; expected++) {
			assertThat(this.kernel.execute(code).ok()).isTrue();
			assertThat(this.kernel.pull(List.of("counted"))).containsEntry("counted", expected);
		}
	}

	@Test
	void exceptionWithACauseFromAMethodOfCodeRunAgainKeepsTheMethodFrameAndTheCause() {
		this.kernel.execute("boolean failing = false;");
		this.kernel.execute("""
				void maybeFail() { if (failing) throw new IllegalStateException("outer", new java.io.IOException("inner")); }
				""");
		String code = "maybeFail();";
		assertThat(this.kernel.execute(code).ok()).isTrue();
		this.kernel.execute("failing = true;");
		long evaluations = this.kernel.evaluations();

		ExecutionOutcome outcome = this.kernel.execute(code);

		assertThat(this.kernel.evaluations()).isEqualTo(evaluations + 1);
		assertThat(outcome.ename()).isEqualTo("java.lang.IllegalStateException");
		assertThat(outcome.evalue()).isEqualTo("outer");
		assertThat(outcome.traceback()).contains("\tat maybeFail (#").contains("Caused by: java.io.IOException: inner")
			.doesNotContain("NamespaceBridge").doesNotContain("KernelExecutionControl");
	}

	@Test
	void outputOfCodeRunAgainIsCaptured() {
		OutputCapture capture = OutputCapture.install();
		String code = "System.out.println(\"again \" + 42); System.err.print(\"oops\");";
		for (int run = 0; run < 3; run++) {
			long evaluations = this.kernel.evaluations();
			try (OutputCapture.Capture c = capture.begin()) {
				assertThat(this.kernel.execute(code).ok()).isTrue();

				assertThat(c.stdout()).isEqualTo("again 42" + System.lineSeparator());
				assertThat(c.stderr()).isEqualTo("oops");
			}
			if (run > 0) {
				assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
			}
		}
	}

	@Test
	void resetForgetsCompiledCode() {
		try (JShellKernel own = new JShellKernel(getClass().getClassLoader())) {
			own.execute("int kept = 1 + 0;");
			own.execute("int kept = 1 + 0;");
			own.reset();

			assertThat(own.execute("int kept = 1 + 0;").ok()).isTrue();
			assertThat(own.evaluations()).as("compiled in the new session").isEqualTo(1);
			assertThat(own.pull(List.of("kept"))).containsEntry("kept", 1);
		}
	}

	@Test
	void codeThatFailedToCompileIsCompiledAgain() {
		String code = "int late = notYetDeclared + 1;";
		assertThat(this.kernel.execute(code).ename()).isEqualTo(JShellKernel.COMPILATION_ERROR);
		this.kernel.execute("int notYetDeclared = 1;");

		assertThat(this.kernel.execute(code).ok()).isTrue();
		assertThat(this.kernel.pull(List.of("late"))).containsEntry("late", 2);
	}

	@Test
	void overwrittenDeclarationIsCompiledAgain() {
		// initializers that are not literals: a literal would be assigned without javac (LiteralAssignment)
		String code = "int twice = 1 + 0;";
		this.kernel.execute(code);
		this.kernel.execute("int twice = 2 + 0;");
		long evaluations = this.kernel.evaluations();

		this.kernel.execute(code);

		assertThat(this.kernel.evaluations()).isEqualTo(evaluations + 1);
		assertThat(this.kernel.pull(List.of("twice"))).containsEntry("twice", 1);
	}

	@Test
	void interruptStopsCodeRunAgain() throws Exception {
		this.kernel.push(Map.of("spinStarted", new CountDownLatch(1)));
		this.kernel.execute("boolean spin = false;");
		String code = "spinStarted.countDown(); while (spin) { Thread.onSpinWait(); }\nint afterSpin = 1;";
		assertThat(this.kernel.execute(code).ok()).isTrue();
		this.kernel.execute("spin = true;");
		CountDownLatch started = new CountDownLatch(1);
		this.kernel.push(Map.of("spinStarted", started));
		long evaluations = this.kernel.evaluations();
		ExecutorService requests = Executors.newSingleThreadExecutor();
		try {
			Future<ExecutionOutcome> outcome = requests.submit(() -> this.kernel.execute(code));
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

			this.kernel.interrupt();

			assertThat(outcome.get(30, TimeUnit.SECONDS).ename()).isEqualTo(JShellKernel.INTERRUPTED);
			assertThat(this.kernel.evaluations()).isEqualTo(evaluations);
			this.kernel.execute("spin = false;");
			assertThat(this.kernel.execute(code).ok()).isTrue();
		}
		finally {
			requests.shutdownNow();
		}
	}

	private static String withoutSnippetIds(String traceback) {
		return traceback.replaceAll("#\\d+", "#N");
	}

}
