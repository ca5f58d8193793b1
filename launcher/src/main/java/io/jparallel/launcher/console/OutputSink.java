package io.jparallel.launcher.console;

/** Where the console's or kernel's lines go: a terminal, or a notebook cell's streams. */
@FunctionalInterface
public interface OutputSink {

	void emit(OutputLine line);

}
