package io.jparallel.engine.kernel;

/** A pulled name is not a variable of the namespace: the engine's counterpart of Python's NameError. */
public class NoSuchVariableException extends RuntimeException {

	private final String name;

	public NoSuchVariableException(String name) {
		super("name '" + name + "' is not defined");
		this.name = name;
	}

	/** The name that was asked for. */
	public String name() {
		return this.name;
	}

}
