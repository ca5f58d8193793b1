package io.jparallel.launcher.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MagicInputTests {

	@Test
	void pxTakesOptionsThenCode() {
		assertThat(MagicInput.split("%px --targets 1,3 --noblock var a = 1;")).containsExactly(new MagicInput.Px(
				new PxOptions(new PxTargets.Ids(List.of(1, 3)), false, "var a = 1;")));
		assertThat(MagicInput.split("%px --targets=1::2 System.out.println(-1);")).containsExactly(
				new MagicInput.Px(new PxOptions(new PxTargets.Slice(1, null, 2), null, "System.out.println(-1);")));
		assertThat(MagicInput.split("  %px -1 + x")).containsExactly(
				new MagicInput.Px(new PxOptions(null, null, "-1 + x")));
		assertThat(MagicInput.split("%px --block x")).containsExactly(new MagicInput.Px(new PxOptions(null, true, "x")));
	}

	@Test
	void aCellPxBlockRunsEverythingAfterItsFirstLine() {
		String block = "%%px --targets 0,2\nint twice(int x) {\n    return 2 * x;\n}\n%not a magic here\ntwice(21)\n";
		assertThat(MagicInput.split(block)).containsExactly(new MagicInput.CellPx(new PxOptions(
				new PxTargets.Ids(List.of(0, 2)), null, "int twice(int x) {\n    return 2 * x;\n}\n%not a magic here\ntwice(21)")));
		assertThat(MagicInput.split("%%px\nvar b = 2;")).containsExactly(
				new MagicInput.CellPx(new PxOptions(null, null, "var b = 2;")));
		assertThat(MagicInput.split("%%timeit\nx")).containsExactly(new MagicInput.Unknown("%%timeit"));
	}

	@Test
	void lineMagicsSplitAJavaCell() {
		String cell = "int x = 5;\n%maven org.apache.commons:commons-math3:3.6.1\nx * 2\n%autopx\n%pxresult\n%help\n%nope";
		assertThat(MagicInput.split(cell)).containsExactly(new MagicInput.Java("int x = 5;"),
				new MagicInput.Maven("org.apache.commons:commons-math3:3.6.1"), new MagicInput.Java("x * 2"),
				new MagicInput.AutoPx(), new MagicInput.PxResult(), new MagicInput.Help(), new MagicInput.Unknown("%nope"));
		assertThat(MagicInput.split("%classpath /tmp/a.jar")).containsExactly(new MagicInput.Classpath("/tmp/a.jar"));
		assertThat(MagicInput.split("%pxconfig --targets ::2 --noblock")).containsExactly(
				new MagicInput.PxConfig(new PxOptions(new PxTargets.Slice(null, null, 2), false, "")));
	}

	@Test
	void slashCommandsAndComments() {
		assertThat(MagicInput.split("/vars")).containsExactly(new MagicInput.Command("/vars"));
		assertThat(MagicInput.split("// a comment\nint y = 1;")).containsExactly(
				new MagicInput.Java("// a comment\nint y = 1;"));
		assertThat(MagicInput.split("int z = 7 %\n 3;")).containsExactly(new MagicInput.Java("int z = 7 %\n 3;"));
	}

	@Test
	void badOptionsAreUsageErrors() {
		assertThatIllegalArgumentException().isThrownBy(() -> MagicInput.split("%px --target 1 x"))
			.withMessageContaining("--target");
		assertThatIllegalArgumentException().isThrownBy(() -> MagicInput.split("%px --targets"))
			.withMessageContaining("needs a value");
	}

}
