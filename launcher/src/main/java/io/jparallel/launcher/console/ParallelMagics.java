package io.jparallel.launcher.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.CompositeError;
import io.jparallel.client.RemoteError;
import io.jparallel.client.ResultMetadata;
import io.jparallel.client.internal.MavenArtifacts;

/**
 * ipyparallel's parallel magics over a connected {@link Client}, shared by {@code jpcluster console} and
 * {@code jpcluster kernel}: each input is cut into pieces ({@link MagicInput#split}); {@code %px} and
 * {@code %%px} run code on the engines and print each engine's output ({@link PxOutputFormatter}),
 * {@code %autopx} sends every input there, {@code --noblock} keeps the result for {@code %pxresult}, and
 * everything else goes to the {@link LocalEvaluator}.
 */
public final class ParallelMagics {

	/** What the caller does after an input. */
	public enum Outcome {

		CONTINUE, EXIT

	}

	static final String HELP = """
			Magics (ipyparallel's):
			  %px [--targets T] [--block|--noblock] CODE   run CODE on the engines; print each engine's output
			  %%px [--targets T] [--noblock]               (first line) run the rest of the block on the engines
			  %autopx                                      toggle: every input runs on the engines
			  %pxresult                                    wait for the last --noblock %px and print its output
			  %pxconfig [--targets T] [--block|--noblock]  defaults for later %px (alone: show them)
			  %maven G:A:V                                 add a library to the engines and the local JShell
			  %classpath JAR                               add a jar to the engines and the local JShell
			  %help                                        this text
			Targets T: all, engine ids (0,2) or a slice of the ids (1::2, :2, -2:).
			Bound: rc (the Client), dview = rc.all(), lview = rc.loadBalancedView().
			JShell commands: /vars /imports /methods /types /list /reset /exit""";

	private final Client client;

	private final OutputSink sink;

	private final LocalEvaluator local;

	private final PxOutputFormatter formatter = new PxOutputFormatter();

	private PxTargets targets = new PxTargets.All();

	private boolean block = true;

	private boolean autopx;

	private AsyncResult<List<String>> last;

	private volatile boolean interrupted;

	public ParallelMagics(Client client, OutputSink sink, LocalEvaluator local) {
		this.client = client;
		this.sink = sink;
		this.local = local;
	}

	/** Whether {@code %autopx} is on. */
	public boolean autopx() {
		return this.autopx;
	}

	/**
	 * Stops waiting for the engines (Ctrl-C, a notebook's interrupt): the unfinished requests are
	 * cancelled ({@link AsyncResult#cancel()}: queued ones aborted, running ones stopped), and
	 * {@code %pxresult} shows how each ended.
	 */
	public void interrupt() {
		this.interrupted = true;
	}

	/** Runs one input: a console entry or a notebook cell. */
	public Outcome run(String input) {
		this.interrupted = false;
		List<MagicInput> pieces;
		try {
			pieces = MagicInput.split(input);
		}
		catch (IllegalArgumentException ex) {
			this.sink.emit(OutputLine.error("UsageError: " + ex.getMessage()));
			return Outcome.CONTINUE;
		}
		for (MagicInput piece : pieces) {
			if (run(piece) == Outcome.EXIT) {
				return Outcome.EXIT;
			}
		}
		return Outcome.CONTINUE;
	}

	private Outcome run(MagicInput piece) {
		try {
			if (piece instanceof MagicInput.Java java) {
				if (this.autopx) {
					px(new PxOptions(null, null, java.code()));
				}
				else {
					this.local.eval(java.code());
				}
			}
			else if (piece instanceof MagicInput.Px px) {
				px(px.options());
			}
			else if (piece instanceof MagicInput.CellPx cell) {
				px(cell.options());
			}
			else if (piece instanceof MagicInput.AutoPx) {
				this.autopx = !this.autopx;
				this.sink.emit(OutputLine.info(this.autopx ? "%autopx enabled" : "%autopx disabled"));
			}
			else if (piece instanceof MagicInput.PxResult) {
				pxResult();
			}
			else if (piece instanceof MagicInput.PxConfig config) {
				pxConfig(config.options());
			}
			else if (piece instanceof MagicInput.Maven maven) {
				addToClasspath(maven.coordinates(), MavenArtifacts.resolve(maven.coordinates()));
			}
			else if (piece instanceof MagicInput.Classpath classpath) {
				for (String entry : classpath.path().split("[:\\s]+")) {
					if (!entry.isBlank()) {
						Path jar = Path.of(entry);
						if (!Files.isRegularFile(jar)) {
							throw new IllegalArgumentException("no such jar: " + jar.toAbsolutePath());
						}
						addToClasspath(entry, jar);
					}
				}
			}
			else if (piece instanceof MagicInput.Help) {
				HELP.lines().forEach(line -> this.sink.emit(OutputLine.info(line)));
			}
			else if (piece instanceof MagicInput.Command command) {
				return command(command.text());
			}
			else if (piece instanceof MagicInput.Unknown unknown) {
				this.sink.emit(OutputLine.error("UsageError: unknown magic " + unknown.name() + " (%help lists them)"));
			}
		}
		catch (RuntimeException ex) {
			this.sink.emit(OutputLine.error(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		return Outcome.CONTINUE;
	}

	private Outcome command(String text) {
		String name = text.split("\\s+")[0];
		if (name.equals("/exit") || name.equals("/quit") || name.equals("/q")) {
			return Outcome.EXIT;
		}
		if (name.equals("/help") || name.equals("/?")) {
			HELP.lines().forEach(line -> this.sink.emit(OutputLine.info(line)));
		}
		else if (!this.local.command(text)) {
			this.sink.emit(OutputLine.error("|  Unknown command: " + name + " (try /vars, /imports, /list, /exit)"));
		}
		return Outcome.CONTINUE;
	}

	private void px(PxOptions options) {
		if (options.code().isBlank()) {
			this.sink.emit(OutputLine.error("UsageError: %px needs code to run"));
			return;
		}
		PxTargets on = (options.targets() != null) ? options.targets() : this.targets;
		List<Integer> ids = on.resolve(this.client.ids());
		if (ids.isEmpty()) {
			this.sink.emit(OutputLine.error("UsageError: --targets " + on + " selects no engine of " + this.client.ids()));
			return;
		}
		AsyncResult<List<String>> result = this.client.view(ids).execute(options.code());
		this.last = result;
		boolean blocking = (options.block() != null) ? options.block() : this.block;
		if (blocking) {
			printWhenReady(result);
		}
		else {
			this.sink.emit(OutputLine.info("<AsyncResult(%px): pending on engines " + ids + "; %pxresult shows it>"));
		}
	}

	private void pxResult() {
		if (this.last == null) {
			this.sink.emit(OutputLine.error("UsageError: no %px has run yet"));
			return;
		}
		printWhenReady(this.last);
	}

	private void pxConfig(PxOptions options) {
		if (!options.code().isBlank()) {
			throw new IllegalArgumentException("%pxconfig takes only --targets, --block and --noblock");
		}
		if (options.targets() != null) {
			this.targets = options.targets();
		}
		if (options.block() != null) {
			this.block = options.block();
		}
		this.sink.emit(OutputLine.info("%px runs on targets " + this.targets + ", " + (this.block ? "blocking" : "not blocking")));
	}

	private void addToClasspath(String what, Path jar) {
		List<Integer> ids = this.client.ids();
		if (!ids.isEmpty()) {
			this.client.view(ids).addClasspath(jar);
		}
		this.local.addToClasspath(jar);
		this.sink.emit(OutputLine.info("Added " + jar.getFileName() + " (" + what + ") to engines " + ids
				+ " and the local JShell"));
	}

	private void printWhenReady(AsyncResult<List<String>> result) {
		while (!result.await(Duration.ofMillis(100))) {
			if (this.interrupted) {
				boolean cancelled;
				try {
					cancelled = result.cancel();
				}
				catch (RuntimeException ex) {
					cancelled = false;
				}
				this.sink.emit(OutputLine.error(cancelled
						? "Interrupted: the unfinished requests were cancelled; %pxresult shows how each ended"
						: "Interrupted: stopped waiting; %pxresult shows the result once the engines finish"));
				return;
			}
		}
		this.formatter.format(outputs(result)).forEach(this.sink::emit);
	}

	/** Waits for {@code result}, then each engine's output: what it printed, its value or its error. */
	static List<EngineOutput> outputs(AsyncResult<List<String>> result) {
		List<String> displays = null;
		Map<Integer, String> errors = new HashMap<>();
		String failure = null;
		try {
			displays = result.await().get();
		}
		catch (CompositeError ex) {
			ex.errors().forEach(error -> errors.put(error.engineId(), error.getMessage()));
		}
		catch (RemoteError ex) {
			errors.put(ex.engineId(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			failure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		List<EngineOutput> outputs = new ArrayList<>();
		List<ResultMetadata> metadata = result.metadata();
		for (int i = 0; i < metadata.size(); i++) {
			ResultMetadata facts = metadata.get(i);
			String display = (displays != null && i < displays.size()) ? displays.get(i) : null;
			outputs.add(new EngineOutput(facts.engineId(), facts.stdout(), facts.stderr(), facts.executionCount(),
					display, errors.get(facts.engineId())));
		}
		if (failure != null) {
			outputs.add(new EngineOutput(-1, "", "", null, null, failure));
		}
		return outputs;
	}

}
