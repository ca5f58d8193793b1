package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for a program under test: a tmux server of its own ({@code -L} socket), one detached
 * session of a fixed size running the program, keys typed with {@code send-keys}, the screen read with
 * {@code capture-pane}. {@link #close()} kills this server only.
 */
final class TmuxTerminal implements AutoCloseable {

	private final String socket = "jp-test-" + UUID.randomUUID().toString().substring(0, 8);

	private final Path config;

	TmuxTerminal(Path dir, int columns, int rows, String shellCommand) throws IOException, InterruptedException {
		this.config = dir.resolve("tmux.conf");
		// the program's last words stay readable if it exits; enough history for a whole session
		Files.writeString(this.config, "set -g remain-on-exit on\nset -g history-limit 20000\nset -g status off\n");
		tmux("new-session", "-d", "-s", "main", "-x", String.valueOf(columns), "-y", String.valueOf(rows),
				shellCommand);
	}

	/** Types {@code text} literally (no key names), then Enter. */
	void typeLine(String text) throws IOException, InterruptedException {
		if (!text.isEmpty()) {
			// tmux takes an argument ending in ';' as a command separator: a trailing blank keeps it text
			tmux("send-keys", "-t", "main", "-l", text.endsWith(";") ? text + " " : text);
		}
		tmux("send-keys", "-t", "main", "Enter");
	}

	/** Presses Ctrl-C. */
	void interrupt() throws IOException, InterruptedException {
		tmux("send-keys", "-t", "main", "C-c");
	}

	/** Presses Ctrl-L: the program clears the screen and redraws its prompt at the top. */
	void clearScreen() throws IOException, InterruptedException {
		tmux("send-keys", "-t", "main", "C-l");
	}

	/** The whole session so far, scrolled-off lines included, wrapped lines joined, without colours. */
	String history() throws IOException, InterruptedException {
		return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "main");
	}

	/** The visible screen with its colours as ANSI escape sequences. */
	String screenWithColours() throws IOException, InterruptedException {
		return tmux("capture-pane", "-p", "-e", "-t", "main");
	}

	private String tmux(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("tmux", "-L", this.socket, "-f", this.config.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " failed: "
					+ new String(output, StandardCharsets.UTF_8));
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		new ProcessBuilder("tmux", "-L", this.socket, "kill-server").redirectErrorStream(true).start()
			.waitFor(30, TimeUnit.SECONDS);
	}

}
