package io.jparallel.protocol.function;

import java.io.Serializable;

/**
 * A function of 2 argument(s) that can be serialized and run on an engine.
 * Lambdas assigned to it compile to serializable lambdas: {@code Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;}
 */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {

	R apply(A a, B b) throws Exception;

}
