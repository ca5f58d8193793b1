/**
 * {@code jpcluster console} and {@code jpcluster kernel}: a JShell with a connected client, and the
 * {@code %px} family of magics (ipyparallel's) that run code on the engines and print each engine's
 * output as {@code [stdout:i]} lines. {@link io.jparallel.launcher.console.ParallelMagics} is what the
 * terminal console and the Jupyter kernel share.
 */
package io.jparallel.launcher.console;
