package io.jparallel.launcher.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.jparallel.client.Client;
import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * A client that connects on a thread of its own while its cluster starts ({@link ClusterStarter#startAndConnect}).
 * Its connect waits for the hub's first answer, so it ends about when the engines register; if it failed, the
 * client connects again once the cluster has started.
 */
final class EarlyClient {

	private final PrintStream out;

	private final Function<ConnectionInfo, Client> connector;

	private final long startedNanos = System.nanoTime();

	private final CompletableFuture<Client> client = new CompletableFuture<>();

	private volatile boolean connecting;

	private volatile boolean handedOut;

	EarlyClient(PrintStream out) {
		this(out, Client::connect);
	}

	EarlyClient(PrintStream out, Function<ConnectionInfo, Client> connector) {
		this.out = out;
		this.connector = connector;
	}

	/** Starts connecting; called once the broker accepts connections. */
	void connect(ConnectionInfo info) {
		this.connecting = true;
		Thread thread = new Thread(() -> {
			try {
				Client connected = this.connector.apply(info);
				this.out.printf(Locale.ROOT, "client connected (%.1f s)%n", (System.nanoTime() - this.startedNanos) / 1e9);
				if (!this.client.complete(connected)) {
					connected.close();
				}
			}
			catch (RuntimeException ex) {
				this.client.completeExceptionally(ex);
			}
		}, "jpcluster-connect");
		thread.setDaemon(true);
		thread.start();
	}

	/** The client that connected while the cluster started, or one connected now if that failed. */
	Client await(ConnectionInfo info, Duration timeout) {
		if (!this.connecting) {
			return this.connector.apply(info);
		}
		try {
			Client connected = this.client.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.handedOut = true;
			return connected;
		}
		catch (ExecutionException ex) {
			this.out.println("Connecting while the cluster started failed (" + ex.getCause().getMessage()
					+ "); connecting again ...");
			return this.connector.apply(info);
		}
		catch (TimeoutException ex) {
			discard();
			this.out.println("Connecting while the cluster started took over " + timeout.toSeconds()
					+ " s; connecting again ...");
			return this.connector.apply(info);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			discard();
			throw new ClusterStartException("Interrupted while connecting to the cluster", ex);
		}
	}

	/** Closes the client if it connected and was not handed out, or will close it when it connects. */
	void discard() {
		if (!this.client.completeExceptionally(new CancellationException("no longer wanted"))
				&& !this.client.isCompletedExceptionally() && !this.handedOut) {
			this.client.join().close();
		}
	}

}
