/**
 * The JParallel client: connect to a cluster and run work on its engines.
 * <pre>{@code
 * Client rc = Client.connect();
 * Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
 * int thirty = rc.get(0).applySync(mul, 5, 6);
 * List<Integer> squares = rc.loadBalancedView().mapSync(x -> x * x, List.of(1, 2, 3));
 * }</pre>
 */
package io.jparallel.client;
