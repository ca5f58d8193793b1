/** End-to-end tests: clusters started with bin/jpcluster as separate processes, used through the client. */
package io.jparallel.launcher.e2e;
