package io.jparallel.client.internal;

import java.net.URISyntaxException;
import java.nio.file.Path;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import io.jparallel.protocol.function.Fn0;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JShell running snippets in this JVM (local execution), as the console's does, with the
 * {@code FnN} interfaces imported; {@link #value(String)} hands an object a snippet made to the test.
 */
public final class TestJShell implements AutoCloseable {

	/** Where a snippet leaves an object for the test (JShell's classes see this JVM's). */
	public static volatile Object handedOver;

	private final JShell shell;

	public TestJShell() {
		this.shell = JShell.builder().executionEngine("local").build();
		this.shell.addToClasspath(location(Fn0.class));
		this.shell.addToClasspath(location(TestJShell.class));
		eval("import java.util.*;");
		eval("import io.jparallel.protocol.function.*;");
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Evaluates one snippet, which must be valid and run without an exception. */
	public void eval(String source) {
		for (SnippetEvent event : this.shell.eval(source)) {
			if (event.causeSnippet() == null) {
				assertThat(event.status()).as("status of: " + source + " "
						+ this.shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList())
					.isEqualTo(Snippet.Status.VALID);
				assertThat(event.exception()).as("exception of: " + source).isNull();
			}
		}
	}

	/** The value of a Java expression evaluated in the JShell (a lambda, say). */
	@SuppressWarnings("unchecked")
	public <T> T value(String expression) {
		eval(TestJShell.class.getName() + ".handedOver = " + expression + ";");
		return (T) handedOver;
	}

	@Override
	public void close() {
		this.shell.close();
	}

}
