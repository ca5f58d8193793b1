package io.jparallel.engine.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jdk.jshell.Snippet;

/**
 * The snippets a code string compiled to, kept by its source so that running the same code again
 * invokes their wrapper classes directly instead of compiling them again with javac (about 15 ms of
 * CPU for {@code int x = 1;}). Only code made of expressions, statements and variable declarations
 * with an initializer is kept: snippets that JShell runs by invoking one wrapper method. Every
 * declaration, every snippet JShell had to update, and every class path change forgets all entries,
 * since each can change what a name in the kept code means; an entry is used only while all its
 * snippets are still {@link Snippet.Status#VALID}. One per JShell session; not thread-safe (the kernel
 * serializes calls).
 */
final class CompiledSnippets {

	/** Distinct code strings kept: the least recently run go first. */
	static final int MAX_ENTRIES = 256;

	private final Map<String, List<CompiledSnippet>> entries = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<CompiledSnippet>> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	/**
	 * The snippets {@code code} compiled to, if they can be run again as they are.
	 * @param status the session's snippet status ({@code JShell::status})
	 */
	List<CompiledSnippet> lookup(String code, Function<Snippet, Snippet.Status> status) {
		List<CompiledSnippet> snippets = this.entries.get(code);
		if (snippets == null) {
			return null;
		}
		for (CompiledSnippet compiled : snippets) {
			if (status.apply(compiled.snippet()) != Snippet.Status.VALID) {
				this.entries.remove(code);
				return null;
			}
		}
		return snippets;
	}

	/** Keeps what {@code code} compiled to; call after all of its snippets ran. */
	void remember(String code, List<CompiledSnippet> snippets) {
		this.entries.put(code, List.copyOf(snippets));
	}

	/** Forgets every entry: the namespace changed in a way that may change what kept code means. */
	void forget() {
		this.entries.clear();
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * One snippet and the wrapper class whose {@code do_it$} method runs it.
	 * @param expression whether its value is displayed, as for an expression
	 */
	record CompiledSnippet(Snippet snippet, String className, boolean expression) {
	}

}
