package io.jparallel.protocol.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A function of 0 argument(s) that can be serialized and run on an engine.
 * Lambdas assigned to it compile to serializable lambdas: {@code Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;}
 * It is also a {@link Callable}, so a list of them can be given to an {@code ExecutorService}'s
 * {@code invokeAll} (see the views' {@code executor()}).
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable, Callable<R> {

	R apply() throws Exception;

	@Override
	default R call() throws Exception {
		return apply();
	}

}
