package io.jparallel.launcher.console;

import java.nio.file.Path;

/** Where the magics send what is not for the engines: the console's or kernel's own JShell. */
public interface LocalEvaluator {

	/** Evaluates Java snippets, printing each one's value or error. */
	void eval(String code);

	/** Runs a JShell command such as {@code /vars}; whether it knew the command. */
	boolean command(String command);

	/** Makes a jar's classes usable from later snippets. */
	void addToClasspath(Path jar);

}
