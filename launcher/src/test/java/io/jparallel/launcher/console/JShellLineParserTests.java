package io.jparallel.launcher.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JShellLineParserTests {

	/** Stands in for JShell's analysis: unbalanced braces are incomplete. */
	private final JShellLineParser parser = new JShellLineParser(
			code -> code.chars().filter(c -> c == '{').count() > code.chars().filter(c -> c == '}').count());

	@Test
	void javaWaitsForItsClosingBraceAndPxForItsCode() {
		assertThat(this.parser.needsMore("int f() {")).isTrue();
		assertThat(this.parser.needsMore("int f() {\n return 1;\n}")).isFalse();
		assertThat(this.parser.needsMore("%px --targets 0 for (int i = 0; i < 2; i++) {")).isTrue();
		assertThat(this.parser.needsMore("%px x")).isFalse();
		assertThat(this.parser.needsMore("%autopx")).isFalse();
		assertThat(this.parser.needsMore("/vars")).isFalse();
	}

	@Test
	void aCellPxBlockEndsWithAnEmptyLine() {
		assertThat(this.parser.needsMore("%%px")).isTrue();
		assertThat(this.parser.needsMore("%%px\nvar a = 1;")).isTrue();
		assertThat(this.parser.needsMore("%%px\nvar a = 1;\n")).isFalse();
	}

	@Test
	void anEmptyLineEndsAnInputJShellCannotFinish() {
		assertThat(this.parser.needsMore("int f() {\n")).isFalse();
	}

}
