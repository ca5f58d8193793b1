package io.jparallel.client;

/**
 * Flags set on a view for a block of code (ipyparallel's {@code temp_flags}); closing restores the
 * flags the view had before.
 * <pre>{@code
 * try (var temp = lview.tempFlags(f -> f.retries(2).after(ar))) {
 *     lview.applyAsync(task);        // retried twice, after ar
 * }
 * lview.applyAsync(task);            // the view's own flags again
 * }</pre>
 */
public final class TemporaryFlags implements AutoCloseable {

	private final LoadBalancedView view;

	private final TaskFlags previous;

	private boolean closed;

	TemporaryFlags(LoadBalancedView view, TaskFlags previous) {
		this.view = view;
		this.previous = previous;
	}

	/** The flags that are restored on close. */
	public TaskFlags previous() {
		return this.previous;
	}

	/** Restores the view's previous flags (once). */
	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.view.restoreFlags(this.previous);
		}
	}

}
