package io.jparallel.launcher.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns each engine's output into lines as ipyparallel's {@code %px} shows them, engine by engine:
 * <pre>
 * [stdout:0] hello from 4242
 * [stderr:0] a warning
 * Out[0:3]: 42
 * [1:execute]: java.lang.ArithmeticException: / by zero
 * </pre>
 * Every line of a multi-line output carries its prefix, so each line says which engine it came from.
 */
public final class PxOutputFormatter {

	public List<OutputLine> format(List<EngineOutput> outputs) {
		List<OutputLine> lines = new ArrayList<>();
		for (EngineOutput output : outputs) {
			prefixed(lines, OutputLine.Kind.STDOUT, "[stdout:" + output.engineId() + "] ", output.stdout());
			prefixed(lines, OutputLine.Kind.STDERR, "[stderr:" + output.engineId() + "] ", output.stderr());
			if (output.display() != null) {
				String prompt = "Out[" + output.engineId()
						+ ((output.executionCount() != null) ? ":" + output.executionCount() : "") + "]: ";
				prefixed(lines, OutputLine.Kind.RESULT, prompt, output.display());
			}
			if (output.error() != null) {
				for (String line : output.error().split("\n", -1)) {
					lines.add(OutputLine.error(line));
				}
			}
		}
		return lines;
	}

	private static void prefixed(List<OutputLine> lines, OutputLine.Kind kind, String prefix, String text) {
		if (text == null || text.isEmpty()) {
			return;
		}
		String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
		for (String line : body.split("\n", -1)) {
			lines.add(new OutputLine(kind, prefix + line));
		}
	}

}
