package io.jparallel.launcher.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import io.jparallel.client.Client;

/**
 * The console's own JShell, running snippets in this JVM (JShell's local execution engine) with this
 * JVM's class path, so the client library is usable from snippets; {@code rc}, {@code dview} and
 * {@code lview} are bound to the connected client. Values and errors are reported as jshell does
 * ({@code $1 ==> 42}, {@code |  Exception ...}).
 */
public final class LocalJShell implements LocalEvaluator, AutoCloseable {

	/** jshell's default imports, plus the client's packages. */
	static final List<String> IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
			"java.time.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
			"java.util.stream.*", "io.jparallel.client.*", "io.jparallel.protocol.function.*");

	private static final int MAX_TRACE = 12;

	private final JShell shell;

	private final OutputSink sink;

	private final boolean echoValues;

	private volatile String lastValue;

	/** A JShell that prints every value as jshell does ({@code x ==> 5}): the console's. */
	public LocalJShell(OutputSink sink) {
		this(sink, true);
	}

	/**
	 * @param echoValues whether values are printed ({@code x ==> 5}); a notebook shows only the last
	 * expression's value, as the cell's result ({@link #takeLastValue()})
	 */
	public LocalJShell(OutputSink sink, boolean echoValues) {
		this.sink = sink;
		this.echoValues = echoValues;
		this.shell = JShell.builder().executionEngine("local").build();
		this.shell.addToClasspath(System.getProperty("java.class.path"));
		for (String imported : IMPORTS) {
			this.shell.eval("import " + imported + ";");
		}
	}

	/** Binds {@code rc}, {@code dview} (all engines) and {@code lview} (load-balanced) to {@code client}. */
	public void bind(Client client) {
		ConsoleBindings.bind(client);
		evalQuietly("Client rc = " + ConsoleBindings.class.getName() + ".client();");
		evalQuietly("DirectView dview = rc.all();");
		evalQuietly("LoadBalancedView lview = rc.loadBalancedView();");
	}

	private void evalQuietly(String source) {
		for (SnippetEvent event : this.shell.eval(source)) {
			if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
				report(event);
			}
		}
	}

	public SourceCodeAnalysis analysis() {
		return this.shell.sourceCodeAnalysis();
	}

	/** Whether {@code code} needs more lines before it can run (an open brace, an unfinished expression). */
	public boolean isIncomplete(String code) {
		if (code.isBlank()) {
			return false;
		}
		Completeness completeness = analysis().analyzeCompletion(code).completeness();
		return completeness == Completeness.DEFINITELY_INCOMPLETE;
	}

	@Override
	public void eval(String code) {
		String rest = code;
		while (!rest.isBlank()) {
			SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
			String source;
			if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE || info.source() == null) {
				source = rest;
				rest = "";
			}
			else {
				source = info.source();
				rest = info.remaining();
			}
			for (SnippetEvent event : this.shell.eval(source)) {
				report(event);
			}
		}
	}

	private void report(SnippetEvent event) {
		if (event.causeSnippet() != null) {
			return;
		}
		Snippet snippet = event.snippet();
		if (event.status() == Snippet.Status.REJECTED) {
			List<Diag> errors = this.shell.diagnostics(snippet).filter(Diag::isError).toList();
			this.sink.emit(OutputLine.error("|  Error:"));
			for (Diag diag : errors) {
				for (String line : diag.getMessage(Locale.ROOT).split("\n")) {
					this.sink.emit(OutputLine.error("|  " + line));
				}
			}
			if (errors.isEmpty()) {
				this.sink.emit(OutputLine.error("|  rejected: " + snippet.source().strip()));
			}
			return;
		}
		if (event.exception() != null) {
			reportException(event.exception());
			return;
		}
		boolean temporary = snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
		if (snippet instanceof VarSnippet || snippet instanceof ExpressionSnippet) {
			this.lastValue = (temporary || snippet instanceof ExpressionSnippet) ? event.value() : null;
		}
		else {
			this.lastValue = null;
		}
		if (!this.echoValues) {
			return;
		}
		if (snippet instanceof VarSnippet variable) {
			this.sink.emit(OutputLine.info(variable.name() + " ==> " + event.value()));
		}
		else if (snippet instanceof ExpressionSnippet expression) {
			this.sink.emit(OutputLine.info(expression.name() + " ==> " + event.value()));
		}
		else if (snippet instanceof MethodSnippet method && event.previousStatus() == Snippet.Status.NONEXISTENT) {
			this.sink.emit(OutputLine.info("|  created method " + method.name() + "(" + method.parameterTypes() + ")"));
		}
		else if (snippet instanceof TypeDeclSnippet type && event.previousStatus() == Snippet.Status.NONEXISTENT) {
			this.sink.emit(OutputLine.info("|  created " + type.subKind().name().replace("_SUBKIND", "")
				.toLowerCase(Locale.ROOT).replace("_", " ") + " " + type.name()));
		}
	}

	private void reportException(JShellException exception) {
		if (exception instanceof UnresolvedReferenceException unresolved) {
			this.sink.emit(OutputLine.error("|  attempted to use " + unresolved.getSnippet().source().strip()
					+ ", which cannot be used until its unresolved references are declared"));
			return;
		}
		String name = (exception instanceof EvalException eval) ? eval.getExceptionClassName()
				: exception.getClass().getName();
		String message = exception.getMessage();
		this.sink.emit(OutputLine.error("|  Exception " + name + ((message != null) ? ": " + message : "")));
		StackTraceElement[] trace = exception.getStackTrace();
		for (int i = 0; i < Math.min(trace.length, MAX_TRACE); i++) {
			this.sink.emit(OutputLine.error("|        at " + trace[i]));
		}
		if (trace.length > MAX_TRACE) {
			this.sink.emit(OutputLine.error("|        ..."));
		}
	}

	/** The value of the last expression evaluated since the last call, or {@code null}; forgets it. */
	public String takeLastValue() {
		String value = this.lastValue;
		this.lastValue = null;
		return value;
	}

	@Override
	public boolean command(String command) {
		String name = command.strip().split("\\s+")[0];
		switch (name) {
			case "/vars", "/v" -> this.shell.variables()
				.forEach(v -> this.sink.emit(OutputLine.info("|    " + v.typeName() + " " + v.name() + " = "
						+ this.shell.varValue(v))));
			case "/imports", "/i" -> this.shell.imports()
				.forEach(i -> this.sink.emit(OutputLine.info("|    import " + i.fullname() + ";")));
			case "/methods", "/m" -> this.shell.methods()
				.forEach(m -> this.sink.emit(OutputLine.info("|    " + m.name() + "(" + m.parameterTypes() + ")")));
			case "/types", "/t" -> this.shell.types()
				.forEach(t -> this.sink.emit(OutputLine.info("|    " + t.name())));
			case "/list", "/l" -> this.shell.snippets()
				.filter(s -> this.shell.status(s).isActive() && s.kind() != Snippet.Kind.IMPORT)
				.forEach(s -> this.sink.emit(OutputLine.info(String.format(Locale.ROOT, "%5s : %s", s.id(),
						s.source().strip().replace("\n", "\n        ")))));
			case "/reset" -> {
				this.shell.snippets().filter(s -> s.kind() != Snippet.Kind.IMPORT).toList()
					.forEach(this.shell::drop);
				this.sink.emit(OutputLine.info("|  dropped every snippet but the imports; rc is gone too"));
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	@Override
	public void addToClasspath(Path jar) {
		this.shell.addToClasspath(jar.toAbsolutePath().toString());
	}

	/** Completions for {@code code} at {@code cursor}: the replacement text, and where it starts. */
	public Completions complete(String code, int cursor) {
		int[] anchor = new int[1];
		List<String> texts = new ArrayList<>();
		for (SourceCodeAnalysis.Suggestion suggestion : analysis().completionSuggestions(code, cursor, anchor)) {
			texts.add(suggestion.continuation());
		}
		return new Completions(anchor[0], texts.stream().distinct().collect(Collectors.toList()));
	}

	/** What {@link #complete} found: replacements for the text from {@code anchor} to the cursor. */
	public record Completions(int anchor, List<String> candidates) {
	}

	/** Stops a running snippet (Ctrl-C). */
	public void stop() {
		this.shell.stop();
	}

	@Override
	public void close() {
		this.shell.close();
	}

}
