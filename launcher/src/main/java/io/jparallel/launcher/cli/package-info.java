/** The {@code jpcluster} command line: parsing arguments into commands, usage text and exit codes. */
package io.jparallel.launcher.cli;
