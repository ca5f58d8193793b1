/** Starting, stopping and inspecting a local cluster: one profile directory, one broker, N engines. */
package io.jparallel.launcher.cluster;
