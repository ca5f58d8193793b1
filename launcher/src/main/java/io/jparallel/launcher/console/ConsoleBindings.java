package io.jparallel.launcher.console;

import io.jparallel.client.Client;

/**
 * Hands the console's connected {@link Client} to its JShell: snippets run in this JVM and see this
 * class, so {@code Client rc = ConsoleBindings.client();} binds the very client the magics use.
 */
public final class ConsoleBindings {

	private static volatile Client client;

	private ConsoleBindings() {
	}

	static void bind(Client connected) {
		client = connected;
	}

	/** The console's client. */
	public static Client client() {
		if (client == null) {
			throw new IllegalStateException("No client is bound: this runs inside jpcluster console or kernel only");
		}
		return client;
	}

}
