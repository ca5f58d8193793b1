package io.jparallel.protocol.function;

import java.io.Serializable;

/**
 * A function of 4 argument(s) that can be serialized and run on an engine.
 * Lambdas assigned to it compile to serializable lambdas: {@code Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;}
 */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {

	R apply(A a, B b, C c, D d) throws Exception;

}
