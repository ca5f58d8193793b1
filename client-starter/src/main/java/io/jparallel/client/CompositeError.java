package io.jparallel.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Errors from several engines, one {@link RemoteError} per failed request, raised by multi-engine
 * requests. Its text has one line per failure, like ipyparallel's:
 * <pre>
 * 4 remote error(s):
 * [0:execute]: java.lang.ArithmeticException: / by zero
 * [1:execute]: java.lang.ArithmeticException: / by zero
 * ...
 * </pre>
 * <pre>{@code
 * try { rc.all().execute("1/0;").get(); }
 * catch (CompositeError e) { e.raiseException(2); }    // throws engine 2's RemoteError
 * }</pre>
 */
public class CompositeError extends JParallelException {

	private final List<RemoteError> errors;

	public CompositeError(List<RemoteError> errors) {
		super(errors.size() + " remote error(s):\n"
				+ errors.stream().map(RemoteError::getMessage).collect(Collectors.joining("\n")));
		this.errors = List.copyOf(errors);
		errors.forEach(this::addSuppressed);
	}

	/** The failures, in the order the requests were sent. */
	public List<RemoteError> errors() {
		return this.errors;
	}

	/** Throws the {@code index}-th failure (in request order) as itself. */
	public void raiseException(int index) {
		if (index < 0 || index >= this.errors.size()) {
			throw new IndexOutOfBoundsException(
					"There are " + this.errors.size() + " remote error(s); no index " + index);
		}
		throw this.errors.get(index);
	}

	/** Throws the failure of engine {@code engineId}, if there is one. */
	public void raiseExceptionOf(int engineId) {
		for (RemoteError error : this.errors) {
			if (error.engineId() == engineId) {
				throw error;
			}
		}
		throw new IllegalArgumentException("No remote error from engine " + engineId + " in " + this.errors.size()
				+ " error(s)");
	}

	@Override
	public String toString() {
		return getMessage();
	}

}
