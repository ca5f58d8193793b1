package io.jparallel.engine.kernel;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code that only gives an existing variable a literal value runs without javac ({@link LiteralAssignment})
 * and behaves exactly as JShell does with it: each case runs in two kernels, as it is in one and in a form
 * the fast path does not take (the literal in parentheses, which JShell compiles) in the other.
 */
class KernelLiteralAssignmentTests {

	private JShellKernel fast;

	private JShellKernel compiled;

	@BeforeEach
	void startKernels() {
		this.fast = new JShellKernel(getClass().getClassLoader());
		this.compiled = new JShellKernel(getClass().getClassLoader());
	}

	@AfterEach
	void closeKernels() {
		this.fast.close();
		this.compiled.close();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"int x = 1;         | x = 5;",
			"int x = 1;         | x = -7",
			"int x = 1;         | int x = 1;",
			"int x = 1;         | int x = -2147483648;",
			"long n = 1L;       | n = 7;",
			"long n = 1L;       | n = 9000000000L;",
			"long n = 1L;       | long n = 3;",
			"double d = 1;      | d = 2;",
			"double d = 1;      | d = 2.5;",
			"double d = 1;      | d = 3L;",
			"double d = 1;      | double d = 0.25d;",
			"boolean b = false; | b = true;",
			"boolean b = true;  | boolean b = false;",
			"String s = \"a\";  | s = \"hello world\";",
			"String s = \"a\";  | String s = \"\";",
			"int x = 1;         | long x = 2;",
			"int x = 1;         | var x = \"now a string\";",
			"final int f = 1;   | f = 2;" })
	void aLiteralGivenToAnExistingVariableRunsWithoutJavacAndAsJShellRunsIt(String declaration, String code) {
		run(declaration);
		long evaluations = this.fast.evaluations();

		ExecutionOutcome fastOutcome = this.fast.execute(code);
		ExecutionOutcome compiledOutcome = this.compiled.execute(parenthesized(code));

		assertThat(this.fast.evaluations()).as("compiled with javac").isEqualTo(evaluations);
		assertThat(this.fast.literalAssignments()).isEqualTo(1);
		assertThat(fastOutcome).isEqualTo(compiledOutcome);
		String name = name(declaration);
		assertThat(this.fast.pull(List.of(name))).isEqualTo(this.compiled.pull(List.of(name)));
		assertThat(this.fast.variableNames()).isEqualTo(this.compiled.variableNames());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"int x = 1;         | x = 2147483648;",
			"int x = 1;         | x = 1L;",
			"int x = 1;         | x = 1.5;",
			"long n = 1L;       | n = 2147483648;",
			"long n = 1L;       | n = 1.0;",
			"boolean b = false; | b = 1;",
			"String s = \"a\";  | s = 1;",
			"Integer i = 1;     | i = 2;",
			"int x = 1;         | y = 2;",
			"int x = 1;         | int y = 2147483648;",
			"int x = 1;         | var y = 1.5f;" })
	void codeTheFastPathDoesNotTakeIsCompiledByJShellWithItsOwnResultOrError(String declaration, String code) {
		run(declaration);
		long evaluations = this.fast.evaluations();

		ExecutionOutcome outcome = this.fast.execute(code);

		assertThat(this.fast.literalAssignments()).isZero();
		assertThat(this.fast.evaluations()).isGreaterThan(evaluations);
		assertThat(outcome).isEqualTo(this.compiled.execute(code));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"int x = 5;           | Integer",
			"long x = 5;          | Long",
			"double x = 5;        | Double",
			"boolean x = true;    | Boolean",
			"String x = \"five\"; | String",
			"var x = 5;           | Integer",
			"var x = 5L;          | Long",
			"var x = 2.5;         | Double",
			"var x = 5d;          | Double",
			"var x = false;       | Boolean",
			"var x = \"five\";    | String" })
	void aNewVariableDeclaredWithALiteralIsHeldWithoutJavacUntilCodeUsesIt(String declaration, String boxed) {
		ExecutionOutcome fastOutcome = this.fast.execute(declaration);

		assertThat(this.fast.evaluations()).as("compiled with javac").isZero();
		assertThat(fastOutcome).isEqualTo(this.compiled.execute(declaration));
		assertThat(this.fast.pull(List.of("x"))).isEqualTo(this.compiled.pull(List.of("x")));
		assertThat(this.fast.variableNames()).containsExactly("x");
		String type = "((Object) x).getClass().getSimpleName()";
		assertThat(this.fast.execute(type).display()).isEqualTo("\"" + boxed + "\"")
			.isEqualTo(this.compiled.execute(type).display());
	}

	@Test
	void repeatedLiteralDeclarationsNeverStartJavac() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.fast.execute("int x = 1;").ok()).isTrue();
			assertThat(this.fast.execute("x = " + i).display()).isEqualTo(Integer.toString(i));
		}

		assertThat(this.fast.evaluations()).isZero();
		assertThat(this.fast.pull(List.of("x"))).containsEntry("x", 4);
		assertThat(this.fast.warmUp()).as("javac still to start").isTrue();
	}

	@Test
	void aHeldDeclarationIsDeclaredBeforeCodeThatUsesItAndAfterWhatWasPushedBeforeIt() {
		this.fast.push(java.util.Map.of("a", java.util.List.of(1, 2)));
		this.fast.execute("int n = 3;");
		this.fast.execute("n = 4;");

		ExecutionOutcome outcome = this.fast.execute("a.size() + n");

		assertThat(outcome.display()).isEqualTo("6");
		assertThat(this.fast.execute("int twice() { return 2 * n; }").ok()).isTrue();
		assertThat(this.fast.execute("int n = 10;").ok()).isTrue();
		assertThat(this.fast.execute("twice()").display()).isEqualTo("20");
	}

	@Test
	void laterSnippetsAndMethodsDeclaredBeforeSeeTheValue() {
		run("int x = 1;");
		run("int twice() { return 2 * x; }");

		assertThat(this.fast.execute("x = 21;").display()).isEqualTo("21");
		assertThat(this.fast.execute("twice()").display()).isEqualTo("42");
		assertThat(this.fast.execute("int x = 4;").display()).isNull();
		assertThat(this.fast.execute("twice()").display()).isEqualTo("8");
		assertThat(this.fast.execute("x + 1").display()).isEqualTo("5");
		assertThat(this.fast.literalAssignments()).isEqualTo(2);
	}

	@Test
	void theVariableDeclaredLastUnderANameIsTheOneAssigned() {
		run("int v = 1;");
		run("String v = \"text\";");

		assertThat(this.fast.execute("v = 3;").ok()).isFalse();
		assertThat(this.fast.execute("v = \"other\";").display()).isEqualTo("\"other\"");
		assertThat(this.fast.pull(List.of("v"))).containsEntry("v", "other");
	}

	/** Runs code in both kernels, compiled by JShell in both (a literal parenthesized). */
	private void run(String code) {
		String compiledForm = (LiteralAssignment.parse(code) != null) ? parenthesized(code) : code;
		assertThat(this.fast.execute(compiledForm).ok()).as(code).isTrue();
		assertThat(this.compiled.execute(compiledForm).ok()).as(code).isTrue();
	}

	/** The same code with its literal in parentheses: the same meaning, compiled by JShell. */
	private static String parenthesized(String code) {
		int equals = code.indexOf('=');
		String value = code.substring(equals + 1).strip();
		boolean semicolon = value.endsWith(";");
		value = semicolon ? value.substring(0, value.length() - 1).strip() : value;
		return code.substring(0, equals + 1) + " (" + value + ")" + (semicolon ? ";" : "");
	}

	private static String name(String declaration) {
		String[] words = declaration.split("[\\s=]+");
		return words[words.length - 2];
	}

}
