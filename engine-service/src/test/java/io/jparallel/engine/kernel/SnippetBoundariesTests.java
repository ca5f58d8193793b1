package io.jparallel.engine.kernel;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analysing JShell splits code as a session's own would, and (with jdk.jshell opened, as surefire and
 * jpcluster run engines) its class indexing waits for good instead of reading the platform and the class path.
 */
class SnippetBoundariesTests {

	@Test
	void splitsCodeIntoItsSnippets() {
		CompletionInfo first = SnippetBoundaries.analyze("int a = 1; int f(int v) { return v; } f(a)");
		assertThat(first.completeness()).isEqualTo(Completeness.COMPLETE);
		assertThat(first.source()).isEqualTo("int a = 1;");
		CompletionInfo second = SnippetBoundaries.analyze(first.remaining());
		assertThat(second.source()).isEqualToIgnoringWhitespace("int f(int v) { return v; }");
		assertThat(second.remaining()).isEqualToIgnoringWhitespace("f(a)");
	}

	/** The same answers as the JShell that runs the code would give: completeness is in the text alone. */
	@ParameterizedTest
	@ValueSource(strings = { "int a = 1; int f(int v) { return v; } f(a)", "f(a)", "x = y", "class A { int b; } new A()",
			"for (int i = 0; i < 3; i++) {", "import java.util.*; List.of(1)", "String s = \"unclosed", "  ", "/* c */ 1 +",
			"@Deprecated int g() { return 1; } g();" })
	void answersAsASessionsOwnAnalysis(String code) {
		try (JShell session = JShell.builder().executionEngine("local").build()) {
			CompletionInfo own = session.sourceCodeAnalysis().analyzeCompletion(code);
			CompletionInfo shared = SnippetBoundaries.analyze(code);
			assertThat(shared.completeness()).isEqualTo(own.completeness());
			assertThat(shared.source()).isEqualTo(own.source());
			assertThat(shared.remaining()).isEqualTo(own.remaining());
		}
	}

	@Test
	void classIndexingWaitsInsteadOfRunning() {
		assertThat(SnippetBoundaries.indexingSuspended()).isTrue();
		// the JVM's one indexing thread (tests before this one may have had it index for their own JShells)
		await().atMost(Duration.ofSeconds(60)).until(() -> indexingThreadWaits());
	}

	private static boolean indexingThreadWaits() {
		for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
			boolean indexing = Arrays.stream(thread.getValue())
				.anyMatch((frame) -> frame.getMethodName().equals("refreshIndexes"));
			boolean waiting = Arrays.stream(thread.getValue())
				.anyMatch((frame) -> frame.getMethodName().equals("waitIndexingNotSuspended"));
			if (indexing && waiting && thread.getKey().getState() == Thread.State.WAITING) {
				return true;
			}
		}
		return false;
	}

}
