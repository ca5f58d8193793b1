package io.jparallel.launcher.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PxTargetsTests {

	private final List<Integer> ids = List.of(0, 1, 2, 3);

	@Test
	void allAndEngineIds() {
		assertThat(PxTargets.parse("all").resolve(this.ids)).containsExactly(0, 1, 2, 3);
		assertThat(PxTargets.parse("1,3").resolve(this.ids)).containsExactly(1, 3);
		assertThat(PxTargets.parse("[0, 2]").resolve(this.ids)).containsExactly(0, 2);
		assertThat(PxTargets.parse("2").resolve(this.ids)).containsExactly(2);
	}

	@Test
	void slicesAreTakenOfTheRegisteredIdsAsInPython() {
		List<Integer> sparse = List.of(0, 2, 5, 7, 9);
		assertThat(PxTargets.parse("1::2").resolve(this.ids)).containsExactly(1, 3);
		assertThat(PxTargets.parse("::2").resolve(sparse)).containsExactly(0, 5, 9);
		assertThat(PxTargets.parse(":2").resolve(sparse)).containsExactly(0, 2);
		assertThat(PxTargets.parse("-2:").resolve(sparse)).containsExactly(7, 9);
		assertThat(PxTargets.parse("::-1").resolve(this.ids)).containsExactly(3, 2, 1, 0);
		assertThat(PxTargets.parse("1:100").resolve(this.ids)).containsExactly(1, 2, 3);
		assertThat(PxTargets.parse("5:").resolve(this.ids)).isEmpty();
	}

	@Test
	void printsAsWritten() {
		assertThat(PxTargets.parse("1::2")).hasToString("1::2");
		assertThat(PxTargets.parse("0,2")).hasToString("0,2");
		assertThat(PxTargets.parse("ALL")).hasToString("all");
	}

	@Test
	void rejectsWhatIsNoTarget() {
		assertThatIllegalArgumentException().isThrownBy(() -> PxTargets.parse("even")).withMessageContaining("'even'");
		assertThatIllegalArgumentException().isThrownBy(() -> PxTargets.parse("1::0")).withMessageContaining("zero");
		assertThatIllegalArgumentException().isThrownBy(() -> PxTargets.parse("1:2:3:4"));
		assertThatIllegalArgumentException().isThrownBy(() -> PxTargets.parse(","));
	}

}
