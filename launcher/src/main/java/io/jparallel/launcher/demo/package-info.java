/** The getting-started session as a program: run it against a cluster started with jpcluster. */
package io.jparallel.launcher.demo;
