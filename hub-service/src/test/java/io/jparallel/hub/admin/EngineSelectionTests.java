package io.jparallel.hub.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EngineSelectionTests {

	@Test
	void allNamesEveryEngine() {
		assertThat(EngineSelection.parse("all")).isEqualTo(new EngineSelection(true, java.util.List.of()));
		assertThat(EngineSelection.parse(" ALL ").all()).isTrue();
	}

	@Test
	void idsAreReadSortedWithoutDuplicates() {
		EngineSelection selection = EngineSelection.parse("3, 1,1 0");

		assertThat(selection.all()).isFalse();
		assertThat(selection.ids()).containsExactly(0, 1, 3);
	}

	@Test
	void nothingOrSomethingElseIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> EngineSelection.parse(null));
		assertThatIllegalArgumentException().isThrownBy(() -> EngineSelection.parse(" , "));
		assertThatIllegalArgumentException().isThrownBy(() -> EngineSelection.parse("1,two"))
			.withMessageContaining("'two'");
		assertThatIllegalArgumentException().isThrownBy(() -> EngineSelection.parse("-1"));
	}

}
