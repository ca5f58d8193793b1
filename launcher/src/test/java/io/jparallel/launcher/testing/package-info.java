/** Test infrastructure shared by the launcher's tests and the end-to-end tests: one broker per test JVM. */
package io.jparallel.launcher.testing;
