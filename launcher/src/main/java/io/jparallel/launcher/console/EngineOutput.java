package io.jparallel.launcher.console;

/**
 * What one engine's part of a {@code %px} produced.
 *
 * @param engineId the engine
 * @param stdout what it printed to {@code System.out} ("" for nothing)
 * @param stderr what it printed to {@code System.err}
 * @param executionCount the engine's execution count after it, or {@code null}
 * @param display the value of the last expression as JShell shows it, or {@code null}
 * @param error the error's one-line text ({@code [0:execute]: java.lang...}), or {@code null}
 */
public record EngineOutput(int engineId, String stdout, String stderr, Integer executionCount, String display,
		String error) {
}
