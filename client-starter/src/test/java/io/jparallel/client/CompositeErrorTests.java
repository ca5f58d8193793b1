package io.jparallel.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompositeErrorTests {

	private final CompositeError error = new CompositeError(List.of(
			new RemoteError(0, "execute", "java.lang.ArithmeticException", "/ by zero", "trace 0"),
			new RemoteError(2, "execute", "java.lang.ArithmeticException", "/ by zero", "trace 2")));

	@Test
	void printsOneLinePerFailureLikeIpyparallel() {
		assertThat(this.error.toString().lines()).containsExactly("2 remote error(s):",
				"[0:execute]: java.lang.ArithmeticException: / by zero",
				"[2:execute]: java.lang.ArithmeticException: / by zero");
	}

	@Test
	void raisesAnInnerErrorByIndexOrByEngine() {
		assertThatThrownBy(() -> this.error.raiseException(1)).isSameAs(this.error.errors().get(1));
		assertThatThrownBy(() -> this.error.raiseExceptionOf(0)).isSameAs(this.error.errors().get(0));
		assertThatThrownBy(() -> this.error.raiseException(2)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessageContaining("no index 2");
	}

	@Test
	void abortedAndEngineErrorsHaveTheirOwnTypes() {
		assertThat(RemoteError.of(1, "apply", MetadataKeys.TASK_ABORTED, "aborted", "")).isInstanceOf(TaskAborted.class)
			.hasMessage("[1:apply]: TaskAborted: aborted");
		assertThat(RemoteError.of(1, "apply", MetadataKeys.ENGINE_ERROR, "gone", "")).isInstanceOf(EngineError.class);
		assertThat(RemoteError.of(1, "apply", "java.lang.Error", "x", "")).isExactlyInstanceOf(RemoteError.class);
	}

}
