package io.jparallel.engine.kernel;

import java.lang.reflect.Method;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where the snippets of a code string end ({@link SourceCodeAnalysis#analyzeCompletion}), told by one JShell per
 * JVM that only analyses and never runs code.
 * <p>
 * A JShell's {@link SourceCodeAnalysis} starts, when it is created, to index every class of the platform and
 * of the class path for code completion, on a background thread shared by every JShell of the JVM, and again
 * whenever a jar is added. An engine completes no code, yet its indexing thread used 0.15-0.2 CPU-seconds per
 * engine, started by the first snippet or the warm-up, so at a time no one chose: in the middle of a
 * workload, in one measured run (docs/benchmarks/notes.md, stop 27). Sessions' own JShells therefore never
 * create one (so a reset or an added jar starts no indexing either), and this analysing JShell's indexing is
 * suspended for good when the JVM lets us ({@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}, which
 * {@code jpcluster} and the image give engines); without it, it indexes once per JVM. Completeness depends on the text alone, not on
 * what a session has declared.
 */
final class SnippetBoundaries {

	private static final Log logger = LogFactory.getLog(SnippetBoundaries.class);

	/** Guarded by the class. */
	private static SourceCodeAnalysis analysis;

	/** Whether the analysing JShell's indexing is suspended; guarded by the class. */
	private static boolean indexingSuspended;

	private SnippetBoundaries() {
	}

	/** The first snippet of {@code code} and what remains; see {@link SourceCodeAnalysis#analyzeCompletion}. */
	static synchronized CompletionInfo analyze(String code) {
		return analysis().analyzeCompletion(code);
	}

	/** Whether the analysing JShell's class indexing is suspended (it is created if it was not yet). */
	static synchronized boolean indexingSuspended() {
		analysis();
		return indexingSuspended;
	}

	private static SourceCodeAnalysis analysis() {
		if (analysis == null) {
			JShell shell = JShell.builder().executionEngine("local").build();
			analysis = shell.sourceCodeAnalysis();
			indexingSuspended = suspendIndexing(analysis);
		}
		return analysis;
	}

	/**
	 * Calls the implementation's own {@code suspendIndexing()}, as the jshell tool does while it evaluates: its
	 * indexing task then waits before the first location it would index, costing nothing.
	 */
	private static boolean suspendIndexing(SourceCodeAnalysis analysis) {
		try {
			Method suspend = analysis.getClass().getMethod("suspendIndexing");
			suspend.setAccessible(true);
			suspend.invoke(analysis);
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.info("JShell indexes the class path once for code completion, which engines never use "
					+ "(start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED to spare it): " + ex);
			return false;
		}
	}

}
