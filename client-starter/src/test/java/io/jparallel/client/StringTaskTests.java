package io.jparallel.client;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StringTaskTests {

	@Test
	void aTaskIsBuiltStepByStepAndEachStepIsACopy() {
		StringTask code = StringTask.of("var y = x * 2;");
		StringTask task = code.push(Map.of("x", 21)).pull("y").pull("y", "z").clearBefore().clearAfter();

		assertThat(task.code()).isEqualTo("var y = x * 2;");
		assertThat(task.pushed()).containsExactly(Map.entry("x", 21));
		assertThat(task.pulled()).containsExactly("y", "z");
		assertThat(task.clearsBefore()).isTrue();
		assertThat(task.clearsAfter()).isTrue();
		assertThat(code.pushed()).isEmpty();
		assertThat(code.pulled()).isEmpty();
		assertThat(code.clearsBefore()).isFalse();
		assertThat(task).hasToString("StringTask[var y = x * 2;, push [x], pull [y, z], clear before, clear after]");
	}

	@Test
	void pushedValuesMayBeNull() {
		Map<String, Object> values = new HashMap<>();
		values.put("nothing", null);

		assertThat(StringTask.of("").push(values).pushed()).containsEntry("nothing", null);
	}

	@Test
	void namesMustBeJavaVariableNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> StringTask.of("").pull("a,b")).withMessageContaining("'a,b'");
		assertThatIllegalArgumentException().isThrownBy(() -> StringTask.of("").pull("class"));
		assertThatIllegalArgumentException().isThrownBy(() -> StringTask.of("").push(Map.of("1x", 1)));
	}

}
