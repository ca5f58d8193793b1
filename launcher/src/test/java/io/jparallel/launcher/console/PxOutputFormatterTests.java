package io.jparallel.launcher.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.launcher.console.OutputLine.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class PxOutputFormatterTests {

	private final PxOutputFormatter formatter = new PxOutputFormatter();

	@Test
	void eachEnginesOutputCarriesItsPrefix() {
		List<OutputLine> lines = this.formatter.format(List.of(
				new EngineOutput(0, "hello from 11\n", "", 3, null, null),
				new EngineOutput(1, "a\nb\n", "careful\n", 3, "42", null)));

		assertThat(lines).containsExactly(new OutputLine(Kind.STDOUT, "[stdout:0] hello from 11"),
				new OutputLine(Kind.STDOUT, "[stdout:1] a"), new OutputLine(Kind.STDOUT, "[stdout:1] b"),
				new OutputLine(Kind.STDERR, "[stderr:1] careful"), new OutputLine(Kind.RESULT, "Out[1:3]: 42"));
	}

	@Test
	void errorsReadAsIpyparallelsAndValuesWithoutACountHaveNone() {
		List<OutputLine> lines = this.formatter.format(List.of(
				new EngineOutput(2, "", "", null, "\"x\"", null),
				new EngineOutput(3, "before\n", "", 5, null, "[3:execute]: java.lang.ArithmeticException: / by zero")));

		assertThat(lines).extracting(OutputLine::text).containsExactly("Out[2]: \"x\"", "[stdout:3] before",
				"[3:execute]: java.lang.ArithmeticException: / by zero");
		assertThat(lines.get(2).kind()).isEqualTo(Kind.ERROR);
	}

	@Test
	void nothingPrintedNothingShown() {
		assertThat(this.formatter.format(List.of(new EngineOutput(0, "", "", 1, null, null)))).isEmpty();
	}

}
