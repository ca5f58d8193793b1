package io.jparallel.launcher.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.jparallel.client.Client;

/**
 * {@code jpcluster console}: an interactive JShell in the terminal with a client connected to the
 * profile's cluster ({@code rc}, {@code dview}, {@code lview}), JLine's line editing, history and
 * completion, multi-line input for unfinished snippets, and the {@link ParallelMagics}.
 */
public final class ParallelConsole {

	private final Path clientFile;

	private final Path historyFile;

	public ParallelConsole(Path clientFile, Path historyFile) {
		this.clientFile = clientFile;
		this.historyFile = historyFile;
	}

	/** Runs until {@code /exit} or end of input. */
	public void run() {
		try (Terminal terminal = TerminalBuilder.builder().name("jparallel").system(true).build()) {
			run(terminal);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run(Terminal terminal) {
		PrintWriter out = terminal.writer();
		ConsoleStyle style = new ConsoleStyle(!Terminal.TYPE_DUMB.equals(terminal.getType()));
		OutputSink sink = line -> {
			out.println(style.line(line));
			out.flush();
		};
		out.println("Connecting to the cluster of " + this.clientFile + " ...");
		out.flush();
		try (Client client = Client.connect(this.clientFile); LocalJShell jshell = new LocalJShell(sink)) {
			jshell.bind(client);
			ParallelMagics magics = new ParallelMagics(client, sink, jshell);
			JShellLineParser parser = new JShellLineParser(jshell::isIncomplete);
			LineReader reader = LineReaderBuilder.builder()
				.terminal(terminal)
				.appName("jparallel")
				.parser(parser)
				.completer((lineReader, line, candidates) -> complete(jshell, line.line(), line.cursor(), candidates))
				.variable(LineReader.HISTORY_FILE, this.historyFile)
				.variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P   ...: ")
				.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
				.option(LineReader.Option.INSERT_TAB, false)
				.build();
			out.println("JParallel console: JShell with a client connected to cluster " + client.clusterId()
					+ ", engines " + client.ids());
			out.println("Bound: rc (the Client), dview = rc.all(), lview = rc.loadBalancedView(). "
					+ "%help lists the magics (%px, %%px, %autopx, %pxresult); /exit leaves.");
			out.flush();
			terminal.handle(Terminal.Signal.INT, signal -> {
				jshell.stop();
				magics.interrupt();
			});
			int count = 1;
			while (true) {
				String prompt = magics.autopx() ? "[px] In [" + count + "]: " : "In [" + count + "]: ";
				String input;
				try {
					input = reader.readLine(style.prompt(prompt, magics.autopx()));
				}
				catch (UserInterruptException ex) {
					continue;
				}
				catch (EndOfFileException ex) {
					break;
				}
				if (input.isBlank()) {
					continue;
				}
				count++;
				if (magics.run(input) == ParallelMagics.Outcome.EXIT) {
					break;
				}
				out.flush();
			}
			out.println("Bye");
			out.flush();
		}
	}

	private static void complete(LocalJShell jshell, String line, int cursor, List<Candidate> candidates) {
		if (line.stripLeading().startsWith("%")) {
			return;
		}
		try {
			LocalJShell.Completions completions = jshell.complete(line, cursor);
			for (String text : completions.candidates()) {
				candidates.add(new Candidate(text, text, null, null, null, null, !text.endsWith("(")));
			}
		}
		catch (RuntimeException ex) {
			// no completion for this input
		}
	}

}
