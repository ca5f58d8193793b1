/**
 * Test infrastructure published in protocol's test-jar for every module's broker tests: one broker per
 * test JVM.
 */
package io.jparallel.protocol.testing;
