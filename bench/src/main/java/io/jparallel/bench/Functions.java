package io.jparallel.bench;

import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn2;

/**
 * The functions the workloads send, as static serializable lambdas: they capture nothing, so what goes
 * over the wire is the smallest a call can be — the same as ipyparallel's {@code noop} and {@code mul}.
 */
public final class Functions {

	/** Does nothing; returns null like ipyparallel's {@code noop()} returns None. */
	public static final Fn0<Object> NOOP = () -> null;

	/** Returns 1: the "is every engine usable" probe of the start measurement. */
	public static final Fn0<Integer> ONE = () -> 1;

	public static final Fn2<Integer, Integer, Integer> MUL = (a, b) -> a * b;

	private Functions() {
	}

}
