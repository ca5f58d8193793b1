/** Service processes: how they are launched, recorded in pid files, and terminated with their descendants. */
package io.jparallel.launcher.process;
