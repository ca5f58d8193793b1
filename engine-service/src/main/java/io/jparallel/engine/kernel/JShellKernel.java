package io.jparallel.engine.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.lang.model.SourceVersion;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

import io.jparallel.engine.kernel.CompiledSnippets.CompiledSnippet;

/**
 * A persistent Java namespace: code strings run as JShell snippets in this JVM, and variables can be
 * pushed into and pulled out of the namespace by reference. Jars added with
 * {@link #addToClasspath(Path)} stay on the class path of snippets after a {@link #reset()}. Code run
 * again while the names it uses still mean the same runs its compiled snippets again without javac
 * (see {@link CompiledSnippets}).
 * <pre>{@code
 * try (JShellKernel kernel = new JShellKernel(getClass().getClassLoader())) {
 *     kernel.push(Map.of("a", 5, "b", 10));
 *     kernel.execute("var c = a + b;");
 *     kernel.pull(List.of("c")); // {c=15}
 * }
 * }</pre>
 * Not thread-safe in the sense of concurrent requests: calls are serialized, one at a time.
 */
public final class JShellKernel implements AutoCloseable {

	/** The ename of code the compiler rejected. */
	public static final String COMPILATION_ERROR = "CompilationError";

	/** The ename of a call to a method or class whose references are not all declared yet. */
	public static final String UNRESOLVED_REFERENCE = "UnresolvedReferenceException";

	/** The ename of an execution stopped by {@link #interrupt()}. */
	public static final String INTERRUPTED = "KeyboardInterrupt";

	private static final String BRIDGE = NamespaceBridge.class.getName();

	/** The imports of the jshell tool's DEFAULT start-up, so that code written for jshell runs as is. */
	static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
			"java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
			"java.util.stream.*");

	private final ClassLoader parent;

	private final CompilerClasspath classpath;

	/** Types the compiler rejected as a declared type: pushed values of them are declared as Object. */
	private final Set<Class<?>> invisibleTypes = ConcurrentHashMap.newKeySet();

	private volatile Session session;

	/**
	 * @param parent the class loader that snippet classes delegate to first: the engine's class
	 * loader, or a child of it that delegates parent first, such as the engine's
	 * {@code LibraryClassLoader} (added jars) or a peer class loader (client classes); it must resolve
	 * {@link NamespaceBridge} to the engine's own class
	 */
	public JShellKernel(ClassLoader parent) {
		Objects.requireNonNull(parent, "parent class loader must not be null");
		Class<?> bridge;
		try {
			bridge = Class.forName(BRIDGE, false, parent);
		}
		catch (ClassNotFoundException ex) {
			bridge = null;
		}
		if (bridge != NamespaceBridge.class) {
			throw new IllegalArgumentException("Class loader " + parent
					+ " must delegate to the loader of " + BRIDGE + " (the engine's class loader)");
		}
		this.parent = parent;
		this.classpath = new CompilerClasspath();
		this.session = new Session();
	}

	/**
	 * Pays javac's start-up cost (about 0.4 s) and the default imports now rather than on the first request,
	 * then declares, uses and drops a variable and a method: the first declaration had cost each engine
	 * 0.2-0.3 CPU-s of javac and of JIT compiling javac, on the user's first {@code execute}, and the
	 * compiler threads kept the engines busy for the next ones. Nothing of it stays in the namespace.
	 * @return false if code had already run in this session (javac is warm): nothing was done
	 */
	public synchronized boolean warmUp() {
		if (this.session.defaultsImported) {
			return false;
		}
		this.session.importDefaults();
		this.session.exerciseCompiler();
		return true;
	}

	/**
	 * Runs a code string: its complete snippets in order, stopping at the first that fails to
	 * compile or throws.
	 */
	public synchronized ExecutionOutcome execute(String code) {
		Objects.requireNonNull(code, "code must not be null");
		this.session.control.interruptRequested = false;
		ExecutionOutcome assigned = assignLiteral(code);
		if (assigned != null) {
			return assigned;
		}
		this.session.importDefaults();
		ExecutionOutcome undeclared = declareHeld();
		if (undeclared != null) {
			return undeclared;
		}
		List<CompiledSnippet> cached = this.session.compiled.lookup(code, this.session.shell::status);
		if (cached != null) {
			return rerun(code, cached);
		}
		String remaining = code;
		String display = null;
		List<CompiledSnippet> compiled = new ArrayList<>();
		boolean reusable = true;
		analyze: while (!remaining.isBlank()) {
			if (this.session.control.interruptRequested) {
				return interrupted(remaining);
			}
			CompletionInfo info = SnippetBoundaries.analyze(remaining);
			String source;
			switch (info.completeness()) {
				case EMPTY:
					break analyze;
				case COMPLETE:
				case COMPLETE_WITH_SEMI:
					source = info.source();
					remaining = info.remaining();
					break;
				case DEFINITELY_INCOMPLETE:
				case CONSIDERED_INCOMPLETE:
					return ExecutionOutcome.failure(COMPILATION_ERROR, "incomplete input",
							"Incomplete input (a missing ';', ')' or '}'?):\n" + remaining.strip());
				default:
					// UNKNOWN: let the compiler say what is wrong with it
					source = remaining;
					remaining = "";
			}
			SnippetResult result = evaluate(source);
			if (result.error != null) {
				return result.error;
			}
			display = result.display;
			if (result.compiled == null) {
				reusable = false;
			}
			else {
				compiled.add(result.compiled);
			}
		}
		if (reusable && !compiled.isEmpty()) {
			this.session.compiled.remember(code, compiled);
		}
		return ExecutionOutcome.success(display);
	}

	/**
	 * Runs code that only gives a variable a literal value (see {@link LiteralAssignment}) without javac: an
	 * existing variable of the literal's type gets it in its field, as the compiled code would do; a
	 * declaration of a new variable, or of one with another type, is held like a pushed value and declared
	 * when code next goes to JShell, as is a value given to a variable still held. {@code null} if the code is
	 * anything else or the variable's type does not take the literal as it is: JShell then compiles and runs
	 * it (with what is held declared first).
	 */
	private ExecutionOutcome assignLiteral(String code) {
		LiteralAssignment assignment = LiteralAssignment.parse(code);
		if (assignment == null) {
			return null;
		}
		Object value = assignment.isDeclaration() ? declareLiteral(assignment) : assignHeldOrField(assignment);
		if (value == null) {
			return null;
		}
		this.session.literalAssignments++;
		return ExecutionOutcome.success(assignment.isDeclaration() ? null : KernelExecutionControl.display(value));
	}

	/** The value a literal declaration gives its variable, or {@code null} if javac must see it. */
	private Object declareLiteral(LiteralAssignment declaration) {
		Class<?> type = declaration.declaredClass();
		Object value = declaration.valueFor(type);
		if (value == null) {
			return null;
		}
		String name = declaration.name();
		if (!this.session.held.containsKey(name) && setField(variableField(name), type, value)) {
			return value;
		}
		this.session.held.put(name, new Held(value, type));
		return value;
	}

	/** The value a literal assignment gives its variable, or {@code null} if javac must see it. */
	private Object assignHeldOrField(LiteralAssignment assignment) {
		String name = assignment.name();
		Held held = this.session.held.get(name);
		if (held != null) {
			Object value = (held.type() != null) ? assignment.valueFor(held.type()) : null;
			if (value != null) {
				this.session.held.put(name, new Held(value, held.type()));
			}
			return value;
		}
		Field field = variableField(name);
		if (field == null) {
			return null;
		}
		Object value = assignment.valueFor(field.getType());
		return setField(field, field.getType(), value) ? value : null;
	}

	/** Sets a variable's field if it exists, has the type and is not final. */
	private static boolean setField(Field field, Class<?> type, Object value) {
		if (field == null || value == null || field.getType() != type || Modifier.isFinal(field.getModifiers())) {
			return false;
		}
		try {
			field.set(null, value);
			return true;
		}
		catch (IllegalAccessException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Runs code's compiled snippets again by invoking their wrapper classes, as JShell's eval would
	 * after compiling them: same snippet thread, output capture, value display; what a snippet throws
	 * is thrown again inside a JShell eval so that it is reported exactly as eval reports it.
	 */
	private ExecutionOutcome rerun(String code, List<CompiledSnippet> snippets) {
		KernelExecutionControl control = this.session.control;
		String display = null;
		for (int i = 0; i < snippets.size(); i++) {
			CompiledSnippet compiled = snippets.get(i);
			if (control.interruptRequested) {
				return interrupted(compiled.snippet().source());
			}
			control.takeStopped();
			control.takeThrown();
			String value;
			try {
				value = control.invoke(compiled.className(), "do_it$");
			}
			catch (ExecutionControl.StoppedException ex) {
				control.takeStopped();
				return interrupted(compiled.snippet().source());
			}
			catch (ExecutionControl.RunException ex) {
				Throwable thrown = control.takeThrown();
				if (thrown == null) {
					return ExecutionOutcome.failure(ex.getClass().getSimpleName(), ex.getMessage(),
							ex.getClass().getSimpleName() + ": " + ex.getMessage());
				}
				return reportThroughJShell(thrown);
			}
			catch (ExecutionControl.ExecutionControlException ex) {
				// nothing ran (the wrapper class or method was not found): compile this and the rest anew
				this.session.compiled.forget();
				return execute(remainingSources(snippets.subList(i, snippets.size())));
			}
			display = compiled.expression() ? value : null;
		}
		return ExecutionOutcome.success(display);
	}

	private static String remainingSources(List<CompiledSnippet> snippets) {
		StringBuilder code = new StringBuilder();
		for (CompiledSnippet compiled : snippets) {
			code.append(compiled.snippet().source()).append('\n');
		}
		return code.toString();
	}

	/** Reports what a directly invoked snippet threw as JShell reports it: thrown again from a snippet. */
	private ExecutionOutcome reportThroughJShell(Throwable thrown) {
		String key = NamespaceBridge.put(thrown);
		try {
			SnippetResult result = evaluate(BRIDGE + ".rethrow(\"" + key + "\");");
			if (result.error != null) {
				return result.error;
			}
			return ExecutionOutcome.failure(thrown.getClass().getName(), thrown.getMessage(), thrown.toString());
		}
		finally {
			NamespaceBridge.discard(key);
			this.session.control.takeThrown();
		}
	}

	/**
	 * Makes each value a variable of the namespace, declared with the value's most specific public
	 * type the compiler can see (boxed values stay boxed, {@code Object} if nothing else fits), with
	 * type arguments for a JDK collection or map whose elements are all of one such type (see
	 * {@link DeclaredType}). Values go in by reference, not copied.
	 * <p>
	 * Compiles nothing: a value whose variable exists with its type is assigned to it, any other is held
	 * and declared (one javac compile each, 40-60 ms, over a second for the first when javac has not started)
	 * only when code next runs. {@link #pull(List)} and {@link #variableNames()} see held values at once.
	 */
	public synchronized void push(Map<String, ?> values) {
		Objects.requireNonNull(values, "values must not be null");
		values.keySet().forEach(JShellKernel::requireIdentifier);
		for (Map.Entry<String, ?> entry : values.entrySet()) {
			pushOne(entry.getKey(), entry.getValue());
		}
	}

	/**
	 * The current values of the named variables, in the order asked for (primitives boxed).
	 * @throws NoSuchVariableException if a name is not a variable of the namespace
	 */
	public synchronized Map<String, Object> pull(List<String> names) {
		Objects.requireNonNull(names, "names must not be null");
		names.forEach(JShellKernel::requireIdentifier);
		Map<String, Object> values = new LinkedHashMap<>();
		for (String name : names) {
			Held held = this.session.held.get(name);
			if (held != null) {
				values.put(name, held.value());
				continue;
			}
			Field field = variableField(name);
			if (field == null) {
				throw new NoSuchVariableException(name);
			}
			try {
				values.put(name, field.get(null));
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read variable '" + name + "'", ex);
			}
		}
		return values;
	}

	/** Names of the variables currently defined. */
	public synchronized List<String> variableNames() {
		return Stream.concat(this.session.shell.variables()
			.filter((variable) -> this.session.shell.status(variable) == Snippet.Status.VALID)
			.map(VarSnippet::name), this.session.held.keySet().stream())
			.distinct()
			.collect(Collectors.toList());
	}

	/**
	 * Asks the code running now to stop (best-effort, like JShell's own stop; code that neither
	 * loops nor calls into snippet code may run on). Callable from any thread; the interrupted
	 * {@link #execute(String)} returns an error outcome with ename {@value #INTERRUPTED}.
	 */
	public void interrupt() {
		Session current = this.session;
		current.control.interruptRequested = true;
		current.shell.stop();
	}

	/**
	 * Puts a jar on the class path snippets compile against and load classes from, now and after every
	 * {@link #reset()}. If the kernel's parent class loader already has the jar (as the engine's
	 * library class loader does), its classes come from there, the same classes the engine sees.
	 */
	public synchronized void addToClasspath(Path jar) {
		Path location = CompilerClasspath.normalize(jar);
		this.classpath.add(location);
		if (this.session.compilerClasspath.add(location)) {
			this.session.shell.addToClasspath(location.toString());
			this.session.compiled.forget();
			// a type the compiler could not see before may be visible now
			this.invisibleTypes.clear();
		}
	}

	/** How many snippets were compiled (evaluated by JShell) in this session: for tests of the cache. */
	synchronized long evaluations() {
		return this.session.evaluations;
	}

	/** How many code strings were run by setting a variable to a literal, without javac: for tests. */
	synchronized long literalAssignments() {
		return this.session.literalAssignments;
	}

	/** The jars added with {@link #addToClasspath(Path)}, in order. */
	public List<Path> addedClasspath() {
		return this.classpath.added();
	}

	/** Drops the whole namespace: a fresh JShell (old snippet classes can then be collected). */
	public synchronized void reset() {
		Session old = this.session;
		this.session = new Session();
		old.close();
	}

	@Override
	public synchronized void close() {
		this.session.close();
	}

	private void pushOne(String name, Object value) {
		if (this.session.held.containsKey(name)) {
			this.session.held.put(name, new Held(value, null));
			return;
		}
		Field existing = variableField(name);
		if (existing != null && DeclaredType.of(value, this::visibleType).matches(existing)
				&& !Modifier.isFinal(existing.getModifiers())) {
			// same name, same type: assigning the field avoids compiling a snippet
			try {
				existing.set(null, value);
				return;
			}
			catch (IllegalAccessException ex) {
				// fall through to a declaration
			}
		}
		this.session.held.put(name, new Held(value, null));
	}

	/**
	 * Declares the values held since code last went to JShell (pushed or declared with a literal), in the
	 * order they were given.
	 * @return the error of one that could not be declared (it is dropped), or {@code null}
	 */
	private ExecutionOutcome declareHeld() {
		Map<String, Held> held = this.session.held;
		while (!held.isEmpty()) {
			String name = held.keySet().iterator().next();
			Held one = held.remove(name);
			try {
				declareOne(name, one);
			}
			catch (IllegalStateException ex) {
				return ExecutionOutcome.failure(COMPILATION_ERROR, ex.getMessage(), ex.getMessage());
			}
		}
		return null;
	}

	private void declareOne(String name, Held held) {
		Object value = held.value();
		DeclaredType type = (held.type() != null) ? new DeclaredType(held.type(), List.of())
				: DeclaredType.of(value, this::visibleType);
		SnippetResult result = declare(name, type, value);
		if (result.error != null && type.isGeneric() && COMPILATION_ERROR.equals(result.error.ename())) {
			type = type.withoutArguments();
			result = declare(name, type, value);
		}
		if (result.error != null && type.raw() != Object.class && COMPILATION_ERROR.equals(result.error.ename())) {
			this.invisibleTypes.add(type.raw());
			result = declare(name, DeclaredType.OBJECT, value);
		}
		if (result.error != null) {
			throw new IllegalStateException("Cannot push '" + name + "': " + result.error.evalue()
					+ System.lineSeparator() + result.error.traceback());
		}
	}

	private SnippetResult declare(String name, DeclaredType type, Object value) {
		String typeName = type.source();
		String key = NamespaceBridge.put(value);
		try {
			return evaluate(typeName + " " + name + " = (" + typeName + ") " + BRIDGE + ".take(\"" + key + "\");");
		}
		finally {
			NamespaceBridge.discard(key);
		}
	}

	private Field variableField(String name) {
		JShell shell = this.session.shell;
		VarSnippet variable = shell.variables()
			.filter((candidate) -> candidate.name().equals(name) && this.session.shell.status(candidate) == Snippet.Status.VALID)
			.reduce((first, second) -> second)
			.orElse(null);
		if (variable == null) {
			return null;
		}
		this.session.control.takeLastVariable();
		shell.varValue(variable);
		return this.session.control.takeLastVariable();
	}

	/**
	 * Evaluates one complete snippet. A declaration, or a change to other snippets, forgets the kept
	 * compiled code; a snippet that can be run again as compiled comes back with its wrapper class.
	 */
	private SnippetResult evaluate(String source) {
		JShell shell = this.session.shell;
		KernelExecutionControl control = this.session.control;
		control.takeStopped();
		control.recordInvocations();
		List<SnippetEvent> events;
		List<String> invoked;
		try {
			this.session.evaluations++;
			events = shell.eval(source);
		}
		finally {
			invoked = control.takeInvocations();
			control.takeThrown();
		}
		boolean changesNames = false;
		for (SnippetEvent event : events) {
			Snippet.Kind kind = event.snippet().kind();
			if (event.causeSnippet() != null || (kind != Snippet.Kind.EXPRESSION && kind != Snippet.Kind.STATEMENT)) {
				changesNames = true;
			}
		}
		if (changesNames) {
			this.session.compiled.forget();
		}
		if (control.takeStopped()) {
			return SnippetResult.failed(interrupted(source));
		}
		String display = null;
		CompiledSnippet compiled = null;
		int main = 0;
		for (SnippetEvent event : events) {
			if (event.causeSnippet() != null) {
				continue;
			}
			main++;
			Snippet snippet = event.snippet();
			if (event.status() == Snippet.Status.REJECTED) {
				return SnippetResult.failed(compilationError(shell, snippet));
			}
			if (event.exception() != null) {
				return SnippetResult.failed(runtimeError(event.exception()));
			}
			boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
					|| snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
			display = expression ? event.value() : null;
			if (event.status() == Snippet.Status.VALID && invoked.size() == 1 && runsByInvocation(snippet)) {
				compiled = new CompiledSnippet(snippet, invoked.get(0), expression);
			}
		}
		return new SnippetResult(display, (main == 1) ? compiled : null, null);
	}

	/**
	 * Whether running the snippet again is invoking its wrapper once more: an expression, a statement,
	 * or a variable declared with an initializer (not a temporary {@code $1} variable, each eval of
	 * which declares a new one).
	 */
	private static boolean runsByInvocation(Snippet snippet) {
		return switch (snippet.kind()) {
			case EXPRESSION, STATEMENT -> true;
			case VAR -> snippet.subKind() == Snippet.SubKind.VAR_DECLARATION_WITH_INITIALIZER_SUBKIND;
			default -> false;
		};
	}

	private static ExecutionOutcome interrupted(String source) {
		return ExecutionOutcome.failure(INTERRUPTED, "execution was interrupted",
				INTERRUPTED + ": execution was interrupted before completing:\n" + source.strip());
	}

	private static ExecutionOutcome compilationError(JShell shell, Snippet snippet) {
		String source = snippet.source();
		List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
		if (errors.isEmpty()) {
			return ExecutionOutcome.failure(COMPILATION_ERROR, "snippet rejected", source);
		}
		StringBuilder text = new StringBuilder();
		for (Diag diag : errors) {
			text.append("error: ").append(message(diag)).append('\n');
			appendSourceLine(text, source, diag);
		}
		return ExecutionOutcome.failure(COMPILATION_ERROR, message(errors.get(0)), text.toString());
	}

	/** javac's message without the "location: class" line naming JShell's (anonymous) wrapper class. */
	private static String message(Diag diag) {
		return diag.getMessage(Locale.ROOT).lines()
			.filter((line) -> !line.strip().equals("location: class"))
			.collect(Collectors.joining("\n"));
	}

	private static void appendSourceLine(StringBuilder text, String source, Diag diag) {
		long position = (diag.getStartPosition() >= 0) ? diag.getStartPosition() : diag.getPosition();
		if (position < 0 || position > source.length()) {
			text.append(source.strip()).append('\n');
			return;
		}
		int start = source.lastIndexOf('\n', (int) position - 1) + 1;
		int end = source.indexOf('\n', (int) position);
		end = (end < 0) ? source.length() : end;
		String line = source.substring(start, end);
		int from = (int) position - start;
		long endPosition = (diag.getEndPosition() > position) ? diag.getEndPosition() : position + 1;
		int to = (int) Math.min(endPosition - start, line.length());
		text.append(line).append('\n')
			.append(" ".repeat(Math.max(from, 0)))
			.append("^".repeat(Math.max(to - from, 1)))
			.append('\n');
	}

	private static ExecutionOutcome runtimeError(JShellException exception) {
		if (exception instanceof UnresolvedReferenceException unresolved) {
			String message = "'" + unresolved.getSnippet().source().strip() + "' cannot be used until its "
					+ "unresolved references are declared";
			return ExecutionOutcome.failure(UNRESOLVED_REFERENCE, message,
					UNRESOLVED_REFERENCE + ": " + message + "\n" + frames(exception.getStackTrace()));
		}
		EvalException eval = (EvalException) exception;
		StringBuilder traceback = new StringBuilder();
		Throwable current = eval;
		Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		while (current != null && seen.add(current)) {
			if (current != eval) {
				traceback.append("Caused by: ");
			}
			traceback.append(exceptionLine(current)).append('\n').append(frames(current.getStackTrace()));
			current = current.getCause();
		}
		return ExecutionOutcome.failure(eval.getExceptionClassName(), eval.getMessage(), traceback.toString());
	}

	private static String exceptionLine(Throwable throwable) {
		String name = (throwable instanceof EvalException eval) ? eval.getExceptionClassName()
				: throwable.getClass().getName();
		return (throwable.getMessage() != null) ? name + ": " + throwable.getMessage() : name;
	}

	/** Stack frames up to the snippet's own: the reflection and JShell frames below it are noise. */
	private static String frames(StackTraceElement[] trace) {
		int last = trace.length - 1;
		for (int i = trace.length - 1; i >= 0; i--) {
			if (trace[i].getClassName().isEmpty() || trace[i].getClassName().startsWith("REPL.")) {
				last = i;
				break;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i <= last; i++) {
			String className = trace[i].getClassName();
			if (className.startsWith("jdk.jshell.") || className.startsWith(KernelExecutionControl.class.getName())) {
				continue;
			}
			if (className.isEmpty()) {
				// a snippet frame, already translated by JShell to its snippet id: "at fail (#2:1)"
				String method = trace[i].getMethodName();
				text.append("\tat ").append(method.isEmpty() ? "" : method + " ")
					.append('(').append(trace[i].getFileName()).append(':').append(trace[i].getLineNumber()).append(")\n");
			}
			else {
				text.append("\tat ").append(trace[i]).append('\n');
			}
		}
		return text.toString();
	}

	/** The most specific supertype of {@code type} that snippets can name. */
	private Class<?> visibleType(Class<?> type) {
		if (type.isArray()) {
			Class<?> component = type.getComponentType();
			return component.isPrimitive() ? type : visibleType(component).arrayType();
		}
		if (isVisible(type)) {
			return type;
		}
		Class<?> superclass = type.getSuperclass();
		while (superclass != null && superclass != Object.class && !isVisible(superclass)) {
			superclass = superclass.getSuperclass();
		}
		if (superclass != null && superclass != Object.class && !Modifier.isAbstract(superclass.getModifiers())) {
			return superclass;
		}
		// e.g. Collections.unmodifiableList(...): List beats AbstractList, RandomAccess and Serializable
		Class<?> best = null;
		int bestDepth = -1;
		for (Class<?> candidate : allInterfaces(type)) {
			if (isVisible(candidate)) {
				int depth = allInterfaces(candidate).size();
				if (depth > bestDepth) {
					best = candidate;
					bestDepth = depth;
				}
			}
		}
		if (best != null) {
			return best;
		}
		return (superclass != null) ? superclass : Object.class;
	}

	private static Set<Class<?>> allInterfaces(Class<?> type) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Class<?> direct : current.getInterfaces()) {
				collectInterfaces(direct, interfaces);
			}
		}
		return interfaces;
	}

	private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
		if (into.add(type)) {
			for (Class<?> parent : type.getInterfaces()) {
				collectInterfaces(parent, into);
			}
		}
	}

	private boolean isVisible(Class<?> type) {
		if (type.getCanonicalName() == null || this.invisibleTypes.contains(type)) {
			return false;
		}
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			if (!Modifier.isPublic(current.getModifiers())) {
				return false;
			}
		}
		Module module = type.getModule();
		if (module.isNamed()) {
			return module.getLayer() == ModuleLayer.boot() && module.isExported(type.getPackageName());
		}
		if (type.getPackageName().isEmpty()) {
			return false;
		}
		try {
			if (Class.forName(type.getName(), false, this.session.control.snippetClassLoader()) != type) {
				return false;
			}
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		Path location = CompilerClasspath.locationOf(type);
		return location != null && this.session.compilerClasspath.contains(location);
	}

	private static void requireIdentifier(String name) {
		if (name == null || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a valid Java variable name");
		}
	}

	/** A variable, an object, a method and a statement using them: javac's common paths, for the warm-up. */
	private static final List<String> WARM_UP_SNIPPETS = List.of("int jparallelWarmUp = 1;",
			"String jparallelWarmUpText = \"x\" + jparallelWarmUp;",
			"int jparallelWarmUpTwice(int v) { return 2 * v; }",
			"jparallelWarmUp = jparallelWarmUpTwice(jparallelWarmUp) + jparallelWarmUpText.length();");

	/** One JShell instance with its execution control; replaced as a whole on reset. */
	private final class Session {

		private final JShell shell;

		private final KernelExecutionControl control;

		private final Set<Path> compilerClasspath;

		private final CompiledSnippets compiled = new CompiledSnippets();

		/**
		 * Values not declared yet, by name, in the order given: pushed (see {@link JShellKernel#push(Map)})
		 * or declared with a literal (see {@link JShellKernel#assignLiteral(String)}).
		 */
		private final Map<String, Held> held = new LinkedHashMap<>();

		private boolean defaultsImported;

		private long evaluations;

		private long literalAssignments;

		Session() {
			KernelExecutionControl[] created = new KernelExecutionControl[1];
			this.shell = JShell.builder()
				.executionEngine(KernelExecutionControl.provider(JShellKernel.this.parent, created), Map.of())
				.build();
			this.control = created[0];
			// javac starts with java.class.path; the bridge must be on it for push to compile
			this.compilerClasspath = JShellKernel.this.classpath.applyTo(this.shell);
		}

		/** On first use rather than at creation: the first eval is the one that starts javac. */
		void importDefaults() {
			if (!this.defaultsImported) {
				this.defaultsImported = true;
				for (String on : DEFAULT_IMPORTS) {
					this.shell.eval("import " + on + ";");
				}
			}
		}

		/** Analyses, compiles and runs {@link #WARM_UP_SNIPPETS}, then drops what they declared. */
		void exerciseCompiler() {
			List<Snippet> declared = new ArrayList<>();
			for (String source : WARM_UP_SNIPPETS) {
				SnippetBoundaries.analyze(source);
				for (SnippetEvent event : this.shell.eval(source)) {
					if (event.snippet() != null && event.status().isActive()) {
						declared.add(event.snippet());
					}
				}
			}
			declared.forEach(this.shell::drop);
		}

		void close() {
			this.shell.close();
		}

	}

	/**
	 * A value held until code next goes to JShell.
	 * @param value the value
	 * @param type the type a literal declaration gave its variable, or {@code null} for a pushed value, whose
	 * variable is declared with the value's type (see {@link DeclaredType})
	 */
	private record Held(Object value, Class<?> type) {

	}

	/**
	 * @param compiled the snippet as it can be run again without compiling, or null if it cannot
	 */
	private record SnippetResult(String display, CompiledSnippet compiled, ExecutionOutcome error) {

		static SnippetResult failed(ExecutionOutcome error) {
			return new SnippetResult(null, null, error);
		}

	}

}
