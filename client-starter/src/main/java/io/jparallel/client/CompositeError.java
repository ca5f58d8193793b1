package io.jparallel.client;

import java.util.List;
import java.util.stream.Collectors;

/** Errors from several engines, one {@link RemoteError} per failed engine, raised by multi-engine requests. */
public class CompositeError extends JParallelException {

	private final List<RemoteError> errors;

	public CompositeError(List<RemoteError> errors) {
		super(errors.size() + " remote error(s):\n" + errors.stream()
			.map(RemoteError::getMessage)
			.collect(Collectors.joining("\n  ", "  ", "")));
		this.errors = List.copyOf(errors);
		errors.forEach(this::addSuppressed);
	}

	public List<RemoteError> errors() {
		return this.errors;
	}

}
