/**
 * {@code jpcluster kernel}: a Jupyter kernel (on JJava's protocol library) whose cells are JShell
 * snippets with a connected client and the console's {@code %px} magics, and {@code jpcluster kernel
 * install}, which writes its kernelspec.
 */
package io.jparallel.launcher.kernel;
