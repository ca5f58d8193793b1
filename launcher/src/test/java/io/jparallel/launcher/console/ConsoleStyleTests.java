package io.jparallel.launcher.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleStyleTests {

	@Test
	void coloursThePrefixOfEngineOutputAndWholeErrors() {
		ConsoleStyle style = new ConsoleStyle(true);

		assertThat(style.line(new OutputLine(OutputLine.Kind.STDOUT, "[stdout:0] hi")))
			.isEqualTo("\u001b[36m[stdout:0]\u001b[0m hi");
		assertThat(style.line(new OutputLine(OutputLine.Kind.RESULT, "Out[1:3]: 42")))
			.isEqualTo("\u001b[1;31mOut[1:3]:\u001b[0m 42");
		assertThat(style.line(OutputLine.error("[2:execute]: boom"))).isEqualTo("\u001b[31m[2:execute]: boom\u001b[0m");
		assertThat(style.line(OutputLine.info("$1 ==> 5"))).isEqualTo("$1 ==> 5");
	}

	@Test
	void aDumbTerminalGetsPlainText() {
		ConsoleStyle style = new ConsoleStyle(false);

		assertThat(style.line(new OutputLine(OutputLine.Kind.STDERR, "[stderr:0] x"))).isEqualTo("[stderr:0] x");
		assertThat(style.prompt("In [1]: ", false)).isEqualTo("In [1]: ");
	}

}
